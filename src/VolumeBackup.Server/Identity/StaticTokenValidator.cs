using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text.Json;
using VolumeBackup.Domain.Tenancy;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Identity.Policies;

namespace VolumeBackup.Server.Identity;

/// <summary>
/// The embedded default: tokens from <c>tokens.json</c> in the data directory (token -> tenant, user, roles).
/// On the first start without the file it writes one with an <c>admin</c> token (tenant admin, role admin) and a
/// <c>demo</c> tenant token (role member), random, and prints both once. An entry without roles, or with an empty
/// list, is a member of its tenant, as every user was before roles were checked; <c>["reader"]</c> makes a reader.
/// </summary>
internal sealed class StaticTokenValidator(DataDirectory data, ILogger<StaticTokenValidator> logger) : ITokenValidator
{
    private static readonly JsonSerializerOptions FileJson = new() { WriteIndented = true, AllowTrailingCommas = true };

    private FrozenDictionary<string, ValidatedToken> _tokens = FrozenDictionary<string, ValidatedToken>.Empty;

    public ValueTask<ValidatedToken?> ValidateAsync(string token, CancellationToken ct) =>
        ValueTask.FromResult(_tokens.GetValueOrDefault(token));

    /// <summary>Loads the token file, creating it first when missing.</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        if (!File.Exists(data.TokenFile))
        {
            await CreateAsync(ct);
        }

        await using var stream = File.OpenRead(data.TokenFile);
        var entries = await JsonSerializer.DeserializeAsync<Dictionary<string, TokenFileEntry>>(stream, FileJson, ct)
            ?? throw new InvalidDataException($"{data.TokenFile} is empty.");
        entries = MembersByDefault(entries);
        _tokens = entries.ToFrozenDictionary(
            pair => pair.Key,
            pair => new ValidatedToken(new TenantIdentity(pair.Value.TenantId, pair.Value.User, pair.Value.Roles ?? [])),
            StringComparer.Ordinal);
        logger.TokensLoaded(_tokens.Count, data.TokenFile);
    }

    private async Task CreateAsync(CancellationToken ct)
    {
        var admin = NewToken();
        var demo = NewToken();
        var entries = new Dictionary<string, TokenFileEntry>(StringComparer.Ordinal)
        {
            [admin] = new("admin", "admin", [TenantIdentity.AdminRole]),
            [demo] = new("demo", "demo", [AccessLevels.MemberRole]),
        };
        var temp = data.TokenFile + ".tmp";
        await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await JsonSerializer.SerializeAsync(stream, entries, FileJson, ct);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite); // tokens are secrets
        }

        File.Move(temp, data.TokenFile);

        // Printed once, on the console and not in the log, so the tokens do not end up in log files.
        Console.WriteLine($"Created {data.TokenFile} with two tokens (shown only now; the file keeps them):");
        Console.WriteLine($"  admin token (tenant admin, role admin): {admin}");
        Console.WriteLine($"  demo token  (tenant demo, role member): {demo}");
    }

    /// <summary>Entries without roles are members: files written before roles were checked list none for users.</summary>
    private static Dictionary<string, TokenFileEntry> MembersByDefault(Dictionary<string, TokenFileEntry> entries) =>
        entries.ToDictionary(
            pair => pair.Key,
            pair => pair.Value.Roles is { Count: > 0 } ? pair.Value : pair.Value with { Roles = [AccessLevels.MemberRole] },
            StringComparer.Ordinal);

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
}
