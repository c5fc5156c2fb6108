namespace VolumeBackup.Client.Http;

/// <summary>Builds the tenant's base URI, <c>{endpoint}/v1.1/{tenant_id}/</c>, from the configured endpoint.</summary>
internal static class ServiceEndpoint
{
    private const string Version = "v1.1";

    public static Uri TenantBase(Uri endpoint, string tenantId)
    {
        if (!endpoint.IsAbsoluteUri)
        {
            throw new ArgumentException($"The endpoint '{endpoint}' is not an absolute URL.", nameof(endpoint));
        }

        var segments = endpoint.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        var escapedTenant = Uri.EscapeDataString(tenantId);

        // A catalog endpoint already names the version (and maybe the tenant): do not repeat them.
        if (segments.Count >= 2 && segments[^2] == Version && segments[^1] == escapedTenant)
        {
            segments.RemoveRange(segments.Count - 2, 2);
        }
        else if (segments.Count >= 1 && segments[^1] == Version)
        {
            segments.RemoveAt(segments.Count - 1);
        }

        segments.Add(Version);
        segments.Add(escapedTenant);
        var builder = new UriBuilder(endpoint) { Path = "/" + string.Join('/', segments) + "/", Query = string.Empty };
        return builder.Uri;
    }
}
