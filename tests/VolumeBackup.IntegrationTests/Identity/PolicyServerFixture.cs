using System.Security.Cryptography;
using System.Text.Json;
using VolumeBackup.Domain.Tenancy;
using VolumeBackup.IntegrationTests.Backups;
using VolumeBackup.Server.Identity;
using VolumeBackup.Testing;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Identity;

/// <summary>
/// One server whose tokens.json holds a reader, a member and an old-style entry without roles for <see cref="Project"/>,
/// a member of <see cref="Scratch"/>, and the admin. <see cref="Project"/> holds one volume and one finished backup,
/// arranged once; the tests that are refused there check it is left exactly as it was.
/// </summary>
public sealed class PolicyServerFixture : IAsyncLifetime
{
    public const string Project = "policy";
    public const string Scratch = "policy-scratch";

    private readonly TempDataDirectory _directory = new("vb-policy");
    private TestServer? _server;

    public TestServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public string Reader { get; } = NewToken();

    public string Member { get; } = NewToken();

    /// <summary>An entry written as before roles were checked (<c>"roles": []</c>): still a member.</summary>
    public string Legacy { get; } = NewToken();

    public string ScratchMember { get; } = NewToken();

    public string Admin => Server.Tokens.Admin;

    /// <summary><see cref="Project"/>'s volume and backup, by HP id and by Cinder UUID.</summary>
    public ResourceIds Resources { get; private set; } = ResourceIds.Dummy;

    public async ValueTask InitializeAsync()
    {
        var entries = new Dictionary<string, TokenFileEntry>(StringComparer.Ordinal)
        {
            [NewToken()] = new("admin", "admin", [TenantIdentity.AdminRole]),
            [NewToken()] = new("demo", "demo", ["member"]),
            [Reader] = new(Project, "policy-reader", ["reader"]),
            [Member] = new(Project, "policy-member", ["member"]),
            [Legacy] = new(Project, "policy-legacy", []),
            [ScratchMember] = new(Scratch, "scratch-member", ["member", "reader"]),
        };
        await File.WriteAllTextAsync(Path.Combine(_directory.Path, "tokens.json"), JsonSerializer.Serialize(entries));
        _server = await TestServer.StartAsync(new ServerSettings { Settings = BackupServerFixture.Settings() }, _directory.Path);

        var api = new BackupApi(Server.CreateClient(Member), Project);
        var volume = await api.CreateVolumeAsync(1);
        var backup = await api.CreateBackupAsync(volume);
        await api.WaitForBackupStatusAsync(backup, "available");
        await api.WaitForVolumeStatusAsync(volume, "available");
        using var cinder = Server.CreateClient(Member);
        // A disabled schedule: never runs, so the project stays as arranged.
        using var member = Server.CreateClient(Member);
        var policy = await ApiAssert.OkJsonAsync(await member.PostRawAsync(
            $"v1.1/{Project}/hp-volume-backup-policies",
            $$$"""{"policy": {"volume_id": "{{{volume}}}", "schedule": {"interval_seconds": 3600}, "enabled": false}}"""));
        Resources = new ResourceIds(
            volume,
            backup,
            await SingleIdAsync(cinder, $"v3/{Project}/volumes", "volumes"),
            await SingleIdAsync(cinder, $"v3/{Project}/backups", "backups"),
            policy.GetProperty("policy").GetProperty("id").GetString()!,
            await SingleIdAsync(cinder, $"v3/{Project}/os-backup-policies", "policies"));
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _directory.Dispose();
    }

    private static async Task<string> SingleIdAsync(HttpClient client, string path, string key)
    {
        var body = await ApiAssert.OkJsonAsync(await client.GetPathAsync(path));
        return Assert.Single(body.GetProperty(key).EnumerateArray()).GetProperty("id").GetString()!;
    }

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
}

/// <summary>Ids to put in route templates: HP ids are decimal, Cinder ids UUIDs.</summary>
public sealed record ResourceIds(
    string HpVolume, string HpBackup, string CinderVolume, string CinderBackup,
    string HpPolicy = "999999", string CinderPolicy = "3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a99")
{
    /// <summary>Ids that name nothing: a write that passes the policy then answers 404 and changes nothing.</summary>
    public static ResourceIds Dummy { get; } =
        new("999999", "999999", "5d0f7c2e-8a41-4b6e-9c3d-0f1e2a3b4c5d", "7e1a9b3c-2d4f-4a6b-8c0d-1e2f3a4b5c6d");
}
