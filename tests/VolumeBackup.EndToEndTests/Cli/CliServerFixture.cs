using System.Text.Json;
using VolumeBackup.Contracts.Volumes;
using VolumeBackup.Testing;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.EndToEndTests.Cli;

/// <summary>
/// The real server as its own process on a free loopback port, shared by the CLI tests (each test makes its own
/// volumes and backups), plus helpers that run the CLI as the demo tenant or as the admin.
/// </summary>
public sealed class CliServerFixture : IAsyncLifetime
{
    private readonly TempDataDirectory _data = new("vb-cli-e2e");
    private readonly TempDataDirectory _home = new("vb-cli-home");

    public ServerProcess Server { get; private set; } = null!;

    public ServerTokens Tokens { get; private set; } = null!;

    public string Home => _home.Path;

    public async ValueTask InitializeAsync()
    {
        // Every CLI test makes its own volumes in the one demo tenant: Nova's default of 10 would run out.
        Server = ServerProcess.Start(_data.Path, new ServerSettings
        {
            Settings = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["VolumeBackup:Quotas:Volumes"] = "1000",
                ["VolumeBackup:Quotas:Gigabytes"] = "100000",
            },
        });
        await Server.WaitUntilHealthyAsync(TimeSpan.FromMinutes(1));
        Tokens = ServerTokens.Read(_data.Path);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
        _home.Dispose();
    }

    /// <summary>The settings of the demo tenant, from the environment as a user would export them.</summary>
    public Dictionary<string, string> DemoEnvironment() => new(StringComparer.Ordinal)
    {
        ["VOLUME_BACKUP_URL"] = Server.BaseUrl,
        ["OS_TENANT_ID"] = "demo",
        ["OS_AUTH_TOKEN"] = Tokens.Demo,
    };

    public Task<CliResult> RunAsync(params string[] args) => CliProcess.RunAsync(DemoEnvironment(), Home, args);

    /// <summary>Runs with the admin token on the demo tenant: volume views then carry the device path.</summary>
    public Task<CliResult> RunAsAdminAsync(params string[] args) =>
        CliProcess.RunAsync(DemoEnvironment(), Home, [.. args, "--os-auth-token", Tokens.Admin]);

    public async Task<VolumeDetail> CreateVolumeAsync(string name, int sizeGb = 1)
    {
        var result = await RunAsync("volume", "create", name, "--size", sizeGb.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonSerializer.Deserialize<VolumeDetail>(result.Stdout)!;
    }

    /// <summary>The volume's backing file on this host, from the admin view.</summary>
    public async Task<string> DevicePathAsync(string volumeId)
    {
        var result = await RunAsAdminAsync("volume", "show", volumeId, "-f", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonSerializer.Deserialize<VolumeDetail>(result.Stdout)!.DevicePath
               ?? throw new InvalidOperationException("The admin view has no devicePath.");
    }
}
