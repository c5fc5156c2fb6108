using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Backups;

/// <summary>One in-process server with real workers per test class; each test works in its own tenant.</summary>
public class BackupServerFixture : IAsyncLifetime
{
    private TestServer? _server;

    public TestServer Server => _server ?? throw new InvalidOperationException("Not started.");

    /// <summary>Settings shared by the backup tests: room in the quotas, and workers that poll briskly.</summary>
    public static Dictionary<string, string> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["VolumeBackup:Quotas:Volumes"] = "1000",
            ["VolumeBackup:Quotas:Gigabytes"] = "100000",
            ["VolumeBackup:Backups:PollInterval"] = "00:00:00.200",
            ["VolumeBackup:Backups:Workers"] = "4",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>A fresh tenant's API on the admin token.</summary>
    public BackupApi NewTenant() => new(Server.CreateClient(Server.Tokens.Admin), BackupApi.NewTenant());

    public async ValueTask InitializeAsync() => _server = await TestServer.StartAsync(new ServerSettings { Settings = Settings(ExtraSettings) });

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Settings a derived fixture adds to <see cref="Settings"/>.</summary>
    protected virtual (string Key, string Value)[] ExtraSettings => [];
}
