using System.Text.Json;
using VolumeBackup.Testing;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.EndToEndTests.Dashboard;

/// <summary>
/// One server process (static tokens: tenants alpha, beta, gamma, delta and epsilon, and an admin that writes volumes' bytes) with
/// jobs slowed to 16 MB/s so a backup of 128 MiB takes seconds, and one headless Chromium page, shared by the dashboard
/// tests.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string AlphaToken = "dashboard-alpha-token-0123456789";
    public const string BetaToken = "dashboard-beta-token-0123456789";
    public const string GammaToken = "dashboard-gamma-token-0123456789";
    public const string DeltaToken = "dashboard-delta-token-0123456789";
    public const string EpsilonToken = "dashboard-epsilon-token-0123456789";
    private const string AdminToken = "dashboard-admin-token-0123456789";

    private readonly TempDataDirectory _directory = new("vb-dashboard");
    private HeadlessChromium? _chromium;

    public ServerProcess Server { get; private set; } = null!;

    internal CdpPage Page { get; private set; } = null!;

    public string DashboardUrl => Server.BaseUrl + "/dashboard/";

    /// <summary>The tenant's API with the admin token (the volume view then shows where its bytes are).</summary>
    public BackupApi AdminApi(string tenant) => Server.AdminApi(tenant);

    public async ValueTask InitializeAsync()
    {
        HeadlessChromium.Require();
        var tokens = new Dictionary<string, object>
        {
            [AdminToken] = new { tenant_id = "admin", user = "admin", roles = new[] { "admin" } },
            ["dashboard-demo-token-0123456789"] = new { tenant_id = "demo", user = "demo", roles = new[] { "member" } },
            [AlphaToken] = new { tenant_id = "alpha", user = "alice", roles = new[] { "member" } },
            [BetaToken] = new { tenant_id = "beta", user = "bob", roles = new[] { "member" } },
            [GammaToken] = new { tenant_id = "gamma", user = "carol", roles = new[] { "member" } },
            [DeltaToken] = new { tenant_id = "delta", user = "dave", roles = new[] { "member" } },
            [EpsilonToken] = new { tenant_id = "epsilon", user = "erin", roles = new[] { "member" } },
        };
        await File.WriteAllTextAsync(Path.Combine(_directory.Path, "tokens.json"), JsonSerializer.Serialize(tokens));
        Server = ServerProcess.Start(_directory.Path, new ServerSettings
        {
            Settings = new Dictionary<string, string>
            {
                ["VolumeBackup:Backups:MaxBytesPerSecond"] = "16000000",
                ["VolumeBackup:Backups:ProgressInterval"] = "00:00:00.250",
                // A cancelled job stops at its next heartbeat: 1 s instead of 20 s, well within a throttled backup.
                ["VolumeBackup:Backups:HeartbeatInterval"] = "00:00:01",
                // Lists come in pages of two, so every page of the dashboard is tested reading past the first.
                ["VolumeBackup:Backups:MaxPageSize"] = "2",
            },
        });
        await Server.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        _chromium = await HeadlessChromium.StartAsync();
        Page = await _chromium.OpenPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Page is not null)
        {
            await Page.DisposeAsync();
        }

        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        _directory.Dispose();
    }
}
