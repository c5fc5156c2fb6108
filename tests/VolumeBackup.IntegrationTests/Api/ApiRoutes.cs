namespace VolumeBackup.IntegrationTests.Api;

/// <summary>Every route of the tenant API, as method and path below <c>/v1.1/{tenant_id}/</c> (ids filled in by the test).</summary>
internal static class ApiRoutes
{
    public static readonly (string Method, string Path)[] All =
    [
        ("GET", "os-volumes"),
        ("GET", "os-volumes/detail"),
        ("GET", "os-volumes/{volume}"),
        ("POST", "os-volumes"),
        ("DELETE", "os-volumes/{volume}"),
        ("POST", "os-volumes/manage"),
        ("GET", "hp-volume-backups"),
        ("GET", "hp-volume-backups/detail"),
        ("GET", "hp-volume-backups/{backup}"),
        ("POST", "hp-volume-backups"),
        ("DELETE", "hp-volume-backups/{backup}"),
        ("POST", "hp-volume-backups/{backup}/restore"),
        ("GET", "hp-volume-backup-policies"),
        ("GET", "hp-volume-backup-policies/{policy}"),
        ("POST", "hp-volume-backup-policies"),
        ("PUT", "hp-volume-backup-policies/{policy}"),
        ("DELETE", "hp-volume-backup-policies/{policy}"),
    ];

    /// <summary>
    /// Spellings of <c>/v1.1/&lt;tenant&gt;/&lt;path&gt;</c> (ids already filled in) that routing matches: case variants,
    /// percent-encodings, a trailing slash.
    /// </summary>
    public static IEnumerable<string> Spellings(string tenant, string path)
    {
        var upperPath = path.ToUpperInvariant();
        yield return $"/V1.1/{tenant}/{path}";
        yield return $"/v1.1/{tenant}/{upperPath}";
        yield return $"/V1.1/{tenant}/{upperPath}";
        yield return $"/%761.1/{tenant}/{path}";
        yield return $"/%56%31%2E%31/{tenant}/{path}";
        yield return $"/v1.1/{string.Concat(tenant.Select(c => $"%{(int)c:X2}"))}/{path}";
        yield return $"/v1.1/{tenant}/{path.Replace("-", "%2D", StringComparison.Ordinal).Replace("o", "%6F", StringComparison.Ordinal)}";
        yield return $"/v1.1/{tenant}/{path}/";
    }

    /// <summary>The route's path with every id set to <paramref name="id"/>.</summary>
    public static string WithIds(string path, string id) =>
        path.Replace("{volume}", id, StringComparison.Ordinal).Replace("{backup}", id, StringComparison.Ordinal)
            .Replace("{policy}", id, StringComparison.Ordinal);
}
