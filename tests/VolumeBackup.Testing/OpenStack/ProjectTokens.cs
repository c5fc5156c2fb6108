using System.Security.Cryptography;
using System.Text.Json;
using VolumeBackup.Domain.Tenancy;
using VolumeBackup.Server.Identity;

namespace VolumeBackup.Testing.OpenStack;

/// <summary>
/// Writes a server's tokens.json before its first start: the admin and demo tokens the server would make itself, plus
/// one member token per project, so that each test drives the clients as an ordinary user of a project of its own
/// (its own volumes, backups and quota).
/// </summary>
public static class ProjectTokens
{
    /// <summary>Returns project -> token for <paramref name="projects"/>.</summary>
    public static IReadOnlyDictionary<string, string> Write(string dataDirectory, IEnumerable<string> projects)
    {
        var entries = new Dictionary<string, TokenFileEntry>(StringComparer.Ordinal)
        {
            [NewToken()] = new("admin", "admin", [TenantIdentity.AdminRole]),
            [NewToken()] = new("demo", "demo", []),
        };
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var project in projects)
        {
            var token = NewToken();
            entries[token] = new(project, "user-" + project, []);
            tokens[project] = token;
        }

        File.WriteAllText(Path.Combine(dataDirectory, "tokens.json"), JsonSerializer.Serialize(entries));
        return tokens;
    }

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
}
