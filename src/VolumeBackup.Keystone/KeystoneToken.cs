namespace VolumeBackup.Keystone;

/// <summary>What Keystone says about a token: who, which project, which roles, until when, and the service catalog.</summary>
public sealed record KeystoneToken(
    string Value,
    DateTimeOffset ExpiresAt,
    string UserId,
    string UserName,
    string? ProjectId,
    string? ProjectName,
    IReadOnlyList<string> Roles,
    string? TrustId,
    IReadOnlyList<KeystoneCatalogEntry> Catalog)
{
    public bool HasRole(string role) => Roles.Contains(role, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The URL of the first catalog endpoint of <paramref name="serviceType"/> on <paramref name="endpointInterface"/>
    /// (in <paramref name="region"/> when given), or null when the catalog has none.
    /// </summary>
    public Uri? FindEndpoint(string serviceType, string endpointInterface = "public", string? region = null)
    {
        var url = Catalog
            .Where(entry => string.Equals(entry.Type, serviceType, StringComparison.Ordinal))
            .SelectMany(entry => entry.Endpoints)
            .FirstOrDefault(e => string.Equals(e.Interface, endpointInterface, StringComparison.Ordinal)
                && (region is null || string.Equals(e.Region, region, StringComparison.Ordinal)))
            ?.Url;
        return url is null ? null : new Uri(url);
    }

    /// <summary>Never the token itself: it is a secret.</summary>
    public override string ToString() => $"token of user '{UserName}' ({UserId}) on project {ProjectId}, expires {ExpiresAt:O}";
}

/// <summary>One service of the catalog: its type (<c>object-store</c>, <c>volumev3</c>...) and endpoints.</summary>
public sealed record KeystoneCatalogEntry(string Type, string? Name, IReadOnlyList<KeystoneEndpoint> Endpoints);

/// <summary>One endpoint of a catalog entry.</summary>
public sealed record KeystoneEndpoint(string Interface, string? Region, string Url);
