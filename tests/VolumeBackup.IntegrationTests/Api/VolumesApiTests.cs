using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Api;

public sealed class VolumesApiTests(SharedServerFixture fixture) : IClassFixture<SharedServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Create_answers_an_available_volume_with_nova_field_names_and_a_decimal_string_id()
    {
        using var client = Server.CreateClient(Server.Tokens.Demo);

        var body = await ApiAssert.OkJsonAsync(await client.PostRawAsync("v1.1/demo/os-volumes", """
            {"volume": {"size": 2, "display_name": "db", "display_description": "data", "availability_zone": "az-1",
                        "metadata": {"purpose": "test"},}}
            """));

        var volume = body.GetProperty("volume");
        Assert.Matches("^[1-9][0-9]*$", volume.GetProperty("id").GetString());
        Assert.Equal("db", volume.GetProperty("displayName").GetString());
        Assert.Equal("data", volume.GetProperty("displayDescription").GetString());
        Assert.Equal(2, volume.GetProperty("size").GetInt32());
        Assert.Equal(VolumeStatus.Available, volume.GetProperty("status").GetString());
        Assert.Equal("az-1", volume.GetProperty("availabilityZone").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", volume.GetProperty("createdAt").GetString());
        Assert.Equal(JsonValueKind.Array, volume.GetProperty("attachments").ValueKind);
        Assert.Equal("test", volume.GetProperty("metadata").GetProperty("purpose").GetString());
    }

    [Fact]
    public async Task The_sparse_file_has_exactly_the_volumes_size()
    {
        using var client = Server.CreateClient(Server.Tokens.Demo);
        var id = await CreateAsync(client, 3);

        var info = new FileInfo(await DevicePathAsync(id));

        Assert.Equal(3L << 30, info.Length);
    }

    [Fact]
    public async Task List_detail_and_show_return_the_tenants_volumes_only()
    {
        using var demo = Server.CreateClient(Server.Tokens.Demo);
        using var admin = Server.CreateClient(Server.Tokens.Admin);
        var mine = await CreateAsync(demo, 1);
        var adminsOwn = await CreateAsync(admin, 1, tenant: "admin");

        var list = await IdsAsync(demo, "v1.1/demo/os-volumes");
        var detail = await IdsAsync(demo, "v1.1/demo/os-volumes/detail");
        var shown = await ApiAssert.OkJsonAsync(await demo.GetPathAsync($"v1.1/demo/os-volumes/{mine}"));

        Assert.Contains(mine, list);
        Assert.Equal(list, detail);
        Assert.DoesNotContain(adminsOwn, list);
        Assert.Equal(mine, shown.GetProperty("volume").GetProperty("id").GetString());
        await ApiAssert.FaultAsync(await demo.GetPathAsync($"v1.1/demo/os-volumes/{adminsOwn}"),
            HttpStatusCode.NotFound, "itemNotFound", FaultMessages.VolumeNotFound(adminsOwn));
    }

    [Theory]
    [InlineData("987654")]
    [InlineData("abc")]
    [InlineData("-1")]
    public async Task Show_of_a_missing_volume_is_itemNotFound_naming_the_id(string id)
    {
        using var client = Server.CreateClient(Server.Tokens.Demo);

        var response = await client.GetPathAsync($"v1.1/demo/os-volumes/{id}");

        await ApiAssert.FaultAsync(response, HttpStatusCode.NotFound, "itemNotFound", FaultMessages.VolumeNotFound(id));
    }

    [Fact]
    public async Task Delete_answers_202_and_removes_the_volume_and_its_file()
    {
        using var client = Server.CreateClient(Server.Tokens.Demo);
        var id = await CreateAsync(client, 1);
        var path = await DevicePathAsync(id);

        var response = await client.DeletePathAsync($"v1.1/demo/os-volumes/{id}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.False(File.Exists(path));
        await ApiAssert.FaultAsync(await client.GetPathAsync($"v1.1/demo/os-volumes/{id}"),
            HttpStatusCode.NotFound, "itemNotFound", FaultMessages.VolumeNotFound(id));
    }

    [Fact]
    public async Task Delete_of_a_volume_being_backed_up_is_rejected_with_badRequest_and_keeps_it()
    {
        using var client = Server.CreateClient(Server.Tokens.Demo);
        var id = await CreateAsync(client, 1);
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<VolumeStore>();
            Assert.True(await store.TryTransitionAsync(long.Parse(id), [VolumeStatus.Available], VolumeStatus.BackingUp,
                TestContext.Current.CancellationToken));
        }

        var response = await client.DeletePathAsync($"v1.1/demo/os-volumes/{id}");

        await ApiAssert.FaultAsync(response, HttpStatusCode.BadRequest, "badRequest", FaultMessages.VolumeStatusMustBeAvailableOrError);
        Assert.True(File.Exists(await DevicePathAsync(id)));
    }

    [Fact]
    public async Task Delete_of_a_missing_volume_is_itemNotFound()
    {
        using var client = Server.CreateClient(Server.Tokens.Demo);

        var response = await client.DeletePathAsync("v1.1/demo/os-volumes/424242");

        await ApiAssert.FaultAsync(response, HttpStatusCode.NotFound, "itemNotFound", FaultMessages.VolumeNotFound("424242"));
    }

    private static async Task<string> CreateAsync(HttpClient client, int sizeGb, string tenant = "demo")
    {
        var body = await ApiAssert.OkJsonAsync(await client.PostRawAsync($"v1.1/{tenant}/os-volumes", "{\"volume\": {\"size\": " + sizeGb + "}}"));
        return body.GetProperty("volume").GetProperty("id").GetString()!;
    }

    private async Task<string> DevicePathAsync(string id)
    {
        using var admin = Server.CreateClient(Server.Tokens.Admin);
        var body = await ApiAssert.OkJsonAsync(await admin.GetPathAsync($"v1.1/demo/os-volumes/{id}"));
        return body.GetProperty("volume").GetProperty("devicePath").GetString()!;
    }

    private static async Task<List<string>> IdsAsync(HttpClient client, string path)
    {
        var body = await ApiAssert.OkJsonAsync(await client.GetPathAsync(path));
        return [.. body.GetProperty("volumes").EnumerateArray().Select(v => v.GetProperty("id").GetString()!)];
    }
}
