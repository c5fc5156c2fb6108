using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Testing;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Volumes;

/// <summary>
/// A real server (SQLite, filesystem store, loopback) whose node may adopt the paths given, with the admin's clients
/// for one fresh tenant on both surfaces; helpers for the manage calls and for the bytes of devices and files.
/// </summary>
internal sealed class ManagedServer : IAsyncDisposable
{
    private ManagedServer(TestServer server, TempDataDirectory data, string tenant)
    {
        Server = server;
        Data = data;
        Tenant = tenant;
        Admin = server.CreateClient(server.Tokens.Admin);
        Hp = new BackupApi(Admin, tenant);
    }

    public TestServer Server { get; }

    public TempDataDirectory Data { get; }

    public string Tenant { get; }

    public HttpClient Admin { get; }

    public BackupApi Hp { get; }

    public string HpManage => $"v1.1/{Tenant}/os-volumes/manage";

    public string CinderManage => $"v3/{Tenant}/manageable_volumes";

    public static async Task<ManagedServer> StartAsync(params string[] manageablePaths)
    {
        var data = new TempDataDirectory("vb-manage");
        var settings = new Dictionary<string, string>();
        for (var i = 0; i < manageablePaths.Length; i++)
        {
            settings[$"VolumeBackup:Volumes:ManageablePaths:{i}"] = manageablePaths[i];
        }

        var server = await TestServer.StartAsync(new ServerSettings { Settings = settings }, data.Path);
        return new ManagedServer(server, data, BackupApi.NewTenant("m"));
    }

    public Task<HttpResponseMessage> PostCinderAsync(string path, string json) => Admin.PostRawAsync(path, json);

    /// <summary>Adopts <paramref name="path"/> through the HP surface; returns the volume view.</summary>
    public async Task<JsonElement> ManageHpAsync(string path, string extra = "") =>
        (await ApiAssert.OkJsonAsync(await Admin.PostRawAsync(HpManage, HpBody(path, extra)))).GetProperty("volume");

    /// <summary>Adopts <paramref name="path"/> through Cinder's <c>manageable_volumes</c>; returns the volume view (202).</summary>
    public async Task<JsonElement> ManageCinderAsync(string path, string route = "manageable_volumes")
    {
        using var response = await Admin.PostRawAsync($"v3/{Tenant}/{route}", CinderBody(path));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Expected 202, got {(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("volume").Clone();
    }

    public static string HpBody(string path, string extra = "") =>
        $$$"""{"volume": {"devicePath": {{{JsonSerializer.Serialize(path)}}}, "display_name": "adopted"{{{extra}}}}}""";

    /// <summary>What <c>cinder manage test-node &lt;path&gt;</c> sends.</summary>
    public static string CinderBody(string path, string host = "test-node") =>
        $$$"""
        {"volume": {"host": {{{JsonSerializer.Serialize(host)}}}, "ref": {"source-name": {{{JsonSerializer.Serialize(path)}}}},
                    "name": "adopted", "description": null, "volume_type": null, "availability_zone": null,
                    "metadata": {}, "bootable": false}}
        """;

    /// <summary>Every volume row of the server (all tenants).</summary>
    public async Task<int> VolumeRowsAsync()
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<VolumeStore>().ListAllAsync(CancellationToken.None)).Count;
    }

    /// <summary>SHA-256 of the first <paramref name="length"/> bytes of a device or file, read past the page cache's view of nothing.</summary>
    public static async Task<string> HashAsync(string path, long length)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        for (long offset = 0; offset < length;)
        {
            var n = await RandomAccess.ReadAsync(handle, buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - offset)), offset);
            Assert.True(n > 0, $"{path} ended at {offset} of {length} bytes");
            sha.AppendData(buffer, 0, n);
            offset += n;
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Server.DisposeAsync();
        Data.Dispose();
    }
}
