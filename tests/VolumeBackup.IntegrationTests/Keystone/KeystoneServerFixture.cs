using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Keystone;

/// <summary>
/// One server in Keystone mode (the local Keystone, the server's default token cache) per test class; tests act in
/// Keystone's demo, demo2 and admin projects, so they look for their own volumes, not at counts.
/// </summary>
public sealed class KeystoneServerFixture : IAsyncLifetime
{
    private TestServer? _server;

    public TestServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync() => _server = await TestServer.StartAsync(new ServerSettings
    {
        Settings = new Dictionary<string, string> { ["VolumeBackup:Quotas:Volumes"] = "1000", ["VolumeBackup:Quotas:Gigabytes"] = "100000" },
    }.WithKeystone());

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
