using System.Net;
using VolumeBackup.Testing;
using VolumeBackup.Testing.ObjectStores;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Api;

/// <summary>
/// <c>/healthz</c> checks the object store the server is configured with (not a directory of its own): a filesystem
/// store on a full disk and a Swift cluster that only answers 503 make it 503, naming the problem.
/// </summary>
public sealed class StorageHealthTests
{
    [Fact]
    public async Task A_full_filesystem_store_makes_health_503_full()
    {
        using var disk = new SmallFilesystem(64 << 20);
        await using var server = await TestServer.StartAsync(new ServerSettings
        {
            Settings = new Dictionary<string, string> { ["VolumeBackup:ObjectStore:FilesystemRoot"] = disk.Path },
        });
        using var client = server.CreateClient(null);
        await ApiAssert.OkJsonAsync(await client.GetPathAsync("healthz"));

        disk.Fill(leaveBytes: 1 << 20);
        using var response = await client.GetPathAsync("healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("full", body.GetProperty("storage").GetString());
        Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.RetryAfter?.Delta);
        Assert.Equal("ok", body.GetProperty("database").GetString());
    }

    [Fact]
    public async Task A_swift_store_is_probed_ok_when_up_and_unreachable_when_it_only_answers_503()
    {
        SwiftFixture.Require();
        await using var proxy = new FaultyTcpProxy(new IPEndPoint(IPAddress.Loopback, 8080), _ => TcpFault.ServiceUnavailable);
        await using var up = await TestServer.StartAsync(SwiftSettings(8080));
        await using var down = await TestServer.StartAsync(SwiftSettings(proxy.Port));
        using var upClient = up.CreateClient(null);
        using var downClient = down.CreateClient(null);

        await ApiAssert.OkJsonAsync(await upClient.GetPathAsync("healthz"));
        using var response = await downClient.GetPathAsync("healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("unreachable", body.GetProperty("storage").GetString());
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
        Assert.True(proxy.FaultsInjected > 0);
    }

    private static ServerSettings SwiftSettings(int port)
    {
        var swift = $"http://127.0.0.1:{port}";
        return new ServerSettings
        {
            Settings = new Dictionary<string, string>
            {
                ["VolumeBackup:ObjectStore:Kind"] = "Swift",
                ["VolumeBackup:ObjectStore:Swift:Mode"] = "User",
                ["VolumeBackup:ObjectStore:Swift:AuthUrl"] = $"{swift}/auth/v1.0",
                ["VolumeBackup:ObjectStore:Swift:Tenants:tenant-a:User"] = "test:tester",
                ["VolumeBackup:ObjectStore:Swift:Tenants:tenant-a:Key"] = "testing",
                ["VolumeBackup:ObjectStore:Swift:Tenants:tenant-a:StorageUrl"] = $"{swift}/v1/AUTH_test",
            },
        };
    }
}
