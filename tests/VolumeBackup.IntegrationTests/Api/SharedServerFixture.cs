using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Api;

/// <summary>One in-process server (SQLite, temp data directory) per test class; tests use their own volumes.</summary>
public sealed class SharedServerFixture : IAsyncLifetime
{
    private TestServer? _server;

    public TestServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync() => _server = await TestServer.StartAsync(new ServerSettings
    {
        // Room for every test of a class; quota tests start their own server with small quotas.
        Settings = new Dictionary<string, string> { ["VolumeBackup:Quotas:Volumes"] = "1000", ["VolumeBackup:Quotas:Gigabytes"] = "100000" },
    });

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
