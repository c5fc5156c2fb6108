using Microsoft.Extensions.Primitives;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Server.Identity;

namespace VolumeBackup.Server.Api.Cinder.Versions;

/// <summary>
/// Runs after routing and the token check, for endpoints marked <see cref="CinderEndpoint"/>: reads the requested
/// microversion (<c>OpenStack-API-Version: volume 3.N</c>, else gophercloud's legacy
/// <c>X-OpenStack-Volume-API-Version: 3.N</c>; none means 3.0, <c>latest</c> the maximum), answers 406 outside
/// [<see cref="CinderVersions.Min"/>, <see cref="CinderVersions.Max"/>] with Cinder's message, keeps it for the
/// endpoint, and names it in the response as Cinder does.
/// </summary>
internal sealed class CinderVersionNegotiation(RequestDelegate next)
{
    public const string Header = "OpenStack-API-Version";
    public const string LegacyHeader = "X-OpenStack-Volume-API-Version";
    private const string ServiceType = "volume";
    private static readonly object ItemKey = new();

    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<CinderEndpoint>() is null)
        {
            await next(context);
            return;
        }

        var version = Requested(context.Request.Headers);
        if (version < CinderVersions.Min || version > CinderVersions.Max)
        {
            throw new FaultException(new Fault("computeFault", StatusCodes.Status406NotAcceptable,
                $"Version {version} is not supported by the API. Minimum is {CinderVersions.Min} and maximum is {CinderVersions.Max}."));
        }

        if (endpoint.Metadata.GetMetadata<ProjectFromTokenEndpoint>() is not null && !version.AtLeast(CinderVersions.ProjectlessUrls))
        {
            // Before 3.67 these paths do not exist: /v3/backups would be project "backups".
            throw new FaultException(Fault.ItemNotFound(FaultMessages.ResourceNotFound));
        }

        context.Items[ItemKey] = version;
        // Set when the answer starts, so a fault's answer names the version too: the exception handler clears headers.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = $"{ServiceType} {version}";
            context.Response.Headers.Append("Vary", Header);
            return Task.CompletedTask;
        });
        await next(context);
    }

    /// <summary>The version negotiated for this request (3.0 outside the Cinder surface).</summary>
    public static CinderApiVersion Negotiated(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var value) && value is CinderApiVersion version ? version : CinderVersions.Min;

    private static CinderApiVersion Requested(IHeaderDictionary headers)
    {
        if (FromStandardHeader(headers[Header]) is { } text || (text = headers[LegacyHeader].ToString()).Length > 0)
        {
            text = text.Trim();
            return text.Equals("latest", StringComparison.OrdinalIgnoreCase) ? CinderVersions.Max : CinderApiVersion.Parse(text);
        }

        return CinderVersions.Min;
    }

    // "volume 3.50" or a list such as "compute 2.1, volume 3.50": only the volume service's entry counts.
    private static string? FromStandardHeader(StringValues values)
    {
        foreach (var entry in values.SelectMany(v => (v ?? string.Empty).Split(',')))
        {
            var parts = entry.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0].Equals(ServiceType, StringComparison.OrdinalIgnoreCase))
            {
                return parts[1];
            }
        }

        return null;
    }
}
