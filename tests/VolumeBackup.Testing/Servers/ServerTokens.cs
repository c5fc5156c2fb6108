using System.Text.Json;
using VolumeBackup.Server.Identity;

namespace VolumeBackup.Testing.Servers;

/// <summary>The admin and demo tokens the server wrote to tokens.json on its first start.</summary>
public sealed record ServerTokens(string Admin, string Demo)
{
    public static ServerTokens Read(string dataDirectory)
    {
        var entries = JsonSerializer.Deserialize<Dictionary<string, TokenFileEntry>>(
            File.ReadAllText(Path.Combine(dataDirectory, "tokens.json")))!;
        return new ServerTokens(
            entries.Single(e => e.Value.TenantId == "admin").Key,
            entries.Single(e => e.Value.TenantId == "demo").Key);
    }
}
