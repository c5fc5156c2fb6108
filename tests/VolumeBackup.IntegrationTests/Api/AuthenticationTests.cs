using System.Net;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Api;

public sealed class AuthenticationTests(SharedServerFixture fixture) : IClassFixture<SharedServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task A_request_without_a_token_is_refused_with_401()
    {
        using var client = Server.CreateClient(null);

        var response = await client.GetPathAsync("v1.1/demo/os-volumes");

        await ApiAssert.FaultAsync(response, HttpStatusCode.Unauthorized, "unauthorized", FaultMessages.AuthenticationRequired);
        Assert.Equal("X-Auth-Token realm=\"volume-backup\"", Assert.Single(response.Headers.WwwAuthenticate).ToString());
    }

    [Fact]
    public async Task A_request_with_an_unknown_token_is_refused_with_401()
    {
        using var client = Server.CreateClient("not-a-token");

        var response = await client.GetPathAsync("v1.1/demo/os-volumes");

        await ApiAssert.FaultAsync(response, HttpStatusCode.Unauthorized, "unauthorized", FaultMessages.AuthenticationRequired);
        Assert.Equal("X-Auth-Token realm=\"volume-backup\"", Assert.Single(response.Headers.WwwAuthenticate).ToString());
    }

    [Fact]
    public async Task A_tenant_token_on_another_tenants_url_is_refused_with_403()
    {
        using var client = Server.CreateClient(Server.Tokens.Demo);

        var response = await client.GetPathAsync("v1.1/admin/os-volumes");

        await ApiAssert.FaultAsync(response, HttpStatusCode.Forbidden, "forbidden", FaultMessages.TenantMismatch("admin"));
    }

    [Fact]
    public async Task An_admin_acts_on_another_tenants_volumes_and_sees_host_and_device_path()
    {
        using var demo = Server.CreateClient(Server.Tokens.Demo);
        using var admin = Server.CreateClient(Server.Tokens.Admin);
        var created = await ApiAssert.OkJsonAsync(await demo.PostRawAsync("v1.1/demo/os-volumes", """{"volume": {"size": 1}}"""));
        var id = created.GetProperty("volume").GetProperty("id").GetString();

        var asAdmin = await ApiAssert.OkJsonAsync(await admin.GetPathAsync($"v1.1/demo/os-volumes/{id}"));
        var asTenant = created.GetProperty("volume");

        Assert.Equal("test-node", asAdmin.GetProperty("volume").GetProperty("host").GetString());
        var devicePath = asAdmin.GetProperty("volume").GetProperty("devicePath").GetString();
        Assert.True(File.Exists(devicePath));
        Assert.False(asTenant.TryGetProperty("host", out _));
        Assert.False(asTenant.TryGetProperty("devicePath", out _));
    }

    [Fact]
    public async Task Health_needs_no_token_and_reports_database_and_storage()
    {
        using var client = Server.CreateClient(null);

        var health = await ApiAssert.OkJsonAsync(await client.GetPathAsync("healthz"));

        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal("ok", health.GetProperty("database").GetString());
        Assert.Equal("ok", health.GetProperty("storage").GetString());
    }
}
