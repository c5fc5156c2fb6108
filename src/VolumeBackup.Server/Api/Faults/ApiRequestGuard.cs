using VolumeBackup.Domain.Faults;
using VolumeBackup.Server.Hosting;

namespace VolumeBackup.Server.Api.Faults;

/// <summary>
/// Refuses, before anything else runs, requests the API cannot speak: XML (the spec lists it as not supported) and
/// bodies in other media types. Bodies without a Content-Type or as curl's default form type are read as JSON,
/// because the spec's own curl examples send them that way.
/// </summary>
internal sealed class ApiRequestGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(VolumeBackupEndpoints.ApiRoot, StringComparison.Ordinal))
        {
            Check(context.Request);
        }

        return next(context);
    }

    private static void Check(HttpRequest request)
    {
        var contentType = request.ContentType ?? string.Empty;
        var accept = request.Headers.Accept.ToString();
        var wantsOnlyXml = accept.Contains("xml", StringComparison.OrdinalIgnoreCase)
            && !accept.Contains("json", StringComparison.OrdinalIgnoreCase)
            && !accept.Contains("*/*", StringComparison.Ordinal);
        if (contentType.Contains("xml", StringComparison.OrdinalIgnoreCase) || wantsOnlyXml)
        {
            throw new FaultException(Fault.BadMediaType(FaultMessages.XmlNotSupported));
        }

        if (contentType.Length > 0
            && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase)
            && !contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            throw new FaultException(Fault.BadMediaType(FaultMessages.JsonContentTypeRequired));
        }
    }
}
