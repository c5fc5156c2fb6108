using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Server.Api.Json;
using VolumeBackup.Server.Identity;

namespace VolumeBackup.Server.Api.Faults;

/// <summary>
/// Refuses requests to the tenant API that it cannot speak, by parsed media types: an XML body or an XML-only
/// <c>Accept</c> (the spec lists XML as not supported) and bodies in any type but JSON in UTF-8. A body without a
/// Content-Type or with curl's default form type is read as JSON, because the spec's own curl examples send that.
/// A request without a body is never refused for its Content-Type: load tools send one on GET and DELETE too.
/// </summary>
internal sealed class ApiRequestGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<TenantScopedEndpoint>() is not null)
        {
            CheckAccept(context.Request.Headers.Accept);
            if (HasBody(context))
            {
                CheckContentType(context.Request.ContentType);
                if (!HttpMethods.IsPost(context.Request.Method) && !HttpMethods.IsPut(context.Request.Method))
                {
                    // Only POSTs and PUTs (Cinder's updates) read bodies. Any other body is read (within the body size
                    // limit) and dropped before the answer, so broken framing is a 400 here rather than a failure after
                    // a 200 was sent.
                    try
                    {
                        await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
                    }
                    catch (IOException e) when (JsonBody.IsBrokenFraming(e))
                    {
                        throw new FaultException(Fault.BadRequest(FaultMessages.IncorrectBodyFormat));
                    }
                }
            }
        }

        await next(context);
    }

    private static bool HasBody(HttpContext context) =>
        context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? context.Request.ContentLength > 0;

    private static void CheckAccept(Microsoft.Extensions.Primitives.StringValues accept)
    {
        if (accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(accept, out var types) || types.Count == 0)
        {
            return; // no or unreadable Accept: JSON is what we send anyway
        }

        if (types.All(IsXml))
        {
            throw new FaultException(Fault.BadMediaType(FaultMessages.XmlNotSupported));
        }
    }

    private static void CheckContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var type))
        {
            throw new FaultException(Fault.BadMediaType(FaultMessages.JsonContentTypeRequired));
        }

        if (IsXml(type))
        {
            throw new FaultException(Fault.BadMediaType(FaultMessages.XmlNotSupported));
        }

        var json = type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
        if (!json || !IsUtf8(type))
        {
            throw new FaultException(Fault.BadMediaType(FaultMessages.JsonContentTypeRequired));
        }
    }

    // Bodies are decoded as UTF-8 only; a body declared in another charset would be misread.
    private static bool IsUtf8(MediaTypeHeaderValue type)
    {
        var charset = type.Charset;
        return charset.Length == 0
            || Microsoft.Extensions.Primitives.StringSegment.Equals(HeaderUtilities.RemoveQuotes(charset), "utf-8", StringComparison.OrdinalIgnoreCase)
            || Microsoft.Extensions.Primitives.StringSegment.Equals(HeaderUtilities.RemoveQuotes(charset), "utf8", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsXml(MediaTypeHeaderValue type) =>
        type.SubType.Equals("xml", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("xml", StringComparison.OrdinalIgnoreCase);
}
