using System.Text.Json;
using VolumeBackup.Domain.Tenancy;
using VolumeBackup.Server.Identity;

namespace VolumeBackup.Testing.Servers;

/// <summary>
/// One set of static tokens written to every node's tokens.json before its first start, so that one token works on
/// every node of a cluster (as one identity service would): an admin token and one token per named tenant.
/// </summary>
public sealed class SharedTokens
{
    private readonly Dictionary<string, string> _tokens;

    public SharedTokens(IEnumerable<string> tenants)
    {
        _tokens = new Dictionary<string, string>(StringComparer.Ordinal) { ["admin"] = Guid.NewGuid().ToString("N") };
        foreach (var tenant in tenants)
        {
            _tokens[tenant] = Guid.NewGuid().ToString("N");
        }
    }

    public string Admin => _tokens["admin"];

    /// <summary>The token of <paramref name="tenant"/> (a member, not an admin).</summary>
    public string For(string tenant) => _tokens[tenant];

    /// <summary>Writes tokens.json into <paramref name="dataDirectory"/>; the server then creates none of its own.</summary>
    public void WriteTo(string dataDirectory)
    {
        var entries = _tokens.ToDictionary(
            pair => pair.Value,
            pair => new TokenFileEntry(pair.Key, pair.Key, pair.Key == "admin" ? [TenantIdentity.AdminRole] : []));
        File.WriteAllText(Path.Combine(dataDirectory, "tokens.json"), JsonSerializer.Serialize(entries));
    }
}
