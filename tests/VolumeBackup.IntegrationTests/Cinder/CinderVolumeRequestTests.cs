using System.Net;
using VolumeBackup.Domain.Faults;
using VolumeBackup.IntegrationTests.Api;
using VolumeBackup.Testing.Cinder;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Cinder;

/// <summary>
/// What the volumes resource accepts and refuses: the bodies real clients send, keys we cannot honour, wrong types,
/// ids that name nothing, other projects' volumes, microversions out of range, project-less URLs.
/// </summary>
public sealed class CinderVolumeRequestTests(SharedServerFixture fixture) : IClassFixture<SharedServerFixture>
{
    private TestServer Server => fixture.Server;

    private CinderVolumesApi Demo(string? version = null) => new(Server.CreateClient(Server.Tokens.Demo), "demo", version);

    [Fact]
    public async Task The_body_cinderclient_sends_with_its_null_keys_creates_the_volume()
    {
        var volume = await Demo().CreateAsync(CinderVolumesApi.CinderclientCreateBody);

        Assert.Equal("N", volume.GetProperty("name").GetString());
        Assert.Equal("D", volume.GetProperty("description").GetString());
        Assert.Equal("available", volume.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Multiattach_false_the_default_type_by_name_and_the_legacy_display_names_are_accepted()
    {
        var volume = await Demo().CreateAsync("""
            {"volume": {"size": 1, "multiattach": false, "volume_type": "__DEFAULT__", "display_name": "old", "display_description": "style"}}
            """);

        Assert.Equal("old", volume.GetProperty("name").GetString());
        Assert.Equal("style", volume.GetProperty("description").GetString());
    }

    [Theory]
    [InlineData("""{"volume": {"size": 1, "snapshot_id": "5f7c2a0e-3c2b-4a44-9d41-7a8f1f4c6e02"}}""", "snapshot_id")]
    [InlineData("""{"volume": {"size": 1, "source_volid": "5f7c2a0e-3c2b-4a44-9d41-7a8f1f4c6e02"}}""", "source_volid")]
    [InlineData("""{"volume": {"size": 1, "imageRef": "5f7c2a0e-3c2b-4a44-9d41-7a8f1f4c6e02"}}""", "imageRef")]
    [InlineData("""{"volume": {"size": 1, "consistencygroup_id": "x"}}""", "consistencygroup_id")]
    [InlineData("""{"volume": {"size": 1, "multiattach": true}}""", "multiattach")]
    [InlineData("""{"volume": {"size": 1, "volume_type": "ssd"}}""", "volume_type")]
    [InlineData("""{"volume": {"size": 1, "availability_zone": "nova"}}""", "availability_zone")]
    public async Task A_value_we_cannot_honour_is_a_400_naming_the_key_and_creates_nothing(string body, string key)
    {
        var api = Demo();
        var before = CinderVolumesApi.Ids(await api.ListAsync());

        using var response = await api.PostCreateAsync(body);

        var fault = await CinderVolumesApi.AssertStatusJsonAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith($"{FaultMessages.IncorrectBodyFormat} '{key}' ", fault.GetProperty("badRequest").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, CinderVolumesApi.Ids(await api.ListAsync()));
    }

    [Theory]
    [InlineData("""{"volume": {"size": "abc"}}""", "Incorrect request body format. 'size' must be a whole number from 1 to 16384.")]
    [InlineData("""{"volume": {"size": 0}}""", "Incorrect request body format. 'size' must be a whole number from 1 to 16384.")]
    [InlineData("""{"volume": {"size": 1.5}}""", "Incorrect request body format. 'size' must be a whole number from 1 to 16384.")]
    [InlineData("""{"volume": {}}""", "Incorrect request body format. 'size' is required.")]
    [InlineData("""{"volume": {"size": 1, "name": 5}}""", "Incorrect request body format. 'name' must be a string.")]
    [InlineData("""{"volume": {"size": 1, "metadata": ["a"]}}""", "Incorrect request body format. 'metadata' must be an object of strings.")]
    [InlineData("""{"volume": {"size": 1, "multiattach": "yes"}}""", "Incorrect request body format. 'multiattach' must be a boolean.")]
    [InlineData("""{"volume": {"size": 1, "colour": "red"}}""",
        "Invalid input for field/attribute volume. Additional properties are not allowed ('colour' was unexpected).")]
    [InlineData("""{"volume": {"size": 1, "backup_id": "not-a-uuid"}}""", "Incorrect request body format. 'backup_id' needs microversion 3.47 or later.")]
    [InlineData("""{"volumes": {"size": 1}}""", "Incorrect request body format.")]
    public async Task Wrong_types_unknown_keys_and_bad_bodies_are_400_with_a_clear_message(string body, string message)
    {
        using var response = await Demo().PostCreateAsync(body);

        await ApiAssert.FaultAsync(response, HttpStatusCode.BadRequest, "badRequest", message);
    }

    [Fact]
    public async Task A_backup_id_that_is_not_a_uuid_is_400_at_3_47()
    {
        using var response = await Demo("3.47").PostCreateAsync("""{"volume": {"backup_id": "12"}}""");

        await ApiAssert.FaultAsync(response, HttpStatusCode.BadRequest, "badRequest", "Incorrect request body format. 'backup_id' must be a UUID.");
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("12")]
    [InlineData("5f7c2a0e3c2b4a449d417a8f1f4c6e02")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task Show_update_delete_and_action_of_a_bad_or_missing_id_are_404_naming_the_id(string id)
    {
        var api = Demo();
        var message = FaultMessages.VolumeNotFound(id);

        await ApiAssert.FaultAsync(await api.ShowResponseAsync(id), HttpStatusCode.NotFound, "itemNotFound", message);
        await ApiAssert.FaultAsync(await api.SendAsync(HttpMethod.Put, $"{api.Volumes}/{id}", """{"volume": {"name": "x"}}"""),
            HttpStatusCode.NotFound, "itemNotFound", message);
        await ApiAssert.FaultAsync(await api.SendAsync(HttpMethod.Delete, $"{api.Volumes}/{id}"), HttpStatusCode.NotFound, "itemNotFound", message);
        await ApiAssert.FaultAsync(await api.ActionResponseAsync(id, """{"os-reserve": null}"""), HttpStatusCode.NotFound, "itemNotFound", message);
    }

    [Fact]
    public async Task Another_projects_volume_is_404_for_show_update_delete_and_actions_and_absent_from_lists()
    {
        var admin = new CinderVolumesApi(Server.CreateClient(Server.Tokens.Admin), "admin");
        var theirs = await admin.CreateVolumeAsync(name: "theirs");
        var api = Demo();
        var message = FaultMessages.VolumeNotFound(theirs);

        await ApiAssert.FaultAsync(await api.ShowResponseAsync(theirs), HttpStatusCode.NotFound, "itemNotFound", message);
        await ApiAssert.FaultAsync(await api.SendAsync(HttpMethod.Put, $"{api.Volumes}/{theirs}", """{"volume": {"name": "mine"}}"""),
            HttpStatusCode.NotFound, "itemNotFound", message);
        await ApiAssert.FaultAsync(await api.SendAsync(HttpMethod.Delete, $"{api.Volumes}/{theirs}"), HttpStatusCode.NotFound, "itemNotFound", message);
        await ApiAssert.FaultAsync(await api.ActionResponseAsync(theirs, """{"os-reserve": {}}"""), HttpStatusCode.NotFound, "itemNotFound", message);
        Assert.DoesNotContain(theirs, CinderVolumesApi.Ids(await api.ListAsync("?all_tenants=1")));
        Assert.Equal("theirs", (await admin.ShowAsync(theirs)).GetProperty("name").GetString());
        Assert.Equal("available", (await admin.ShowAsync(theirs)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Another_projects_url_is_403()
    {
        using var response = await Demo().GetAsync("v3/admin/volumes/detail");

        await ApiAssert.FaultAsync(response, HttpStatusCode.Forbidden, "forbidden", FaultMessages.TenantMismatch("admin"));
    }

    [Fact]
    public async Task A_microversion_above_the_maximum_is_406_and_a_malformed_one_400()
    {
        await ApiAssert.FaultAsync(await Demo("3.68").GetAsync("v3/demo/volumes"), HttpStatusCode.NotAcceptable, "computeFault",
            "Version 3.68 is not supported by the API. Minimum is 3.0 and maximum is 3.67.");
        await ApiAssert.FaultAsync(await Demo("3.x").GetAsync("v3/demo/volumes"), HttpStatusCode.BadRequest, "badRequest",
            "API Version String 3.x is of invalid format. Must be of format MajorNum.MinorNum.");
    }

    [Fact]
    public async Task Project_less_urls_reach_the_tokens_project_from_3_67_and_are_404_below()
    {
        var id = await Demo().CreateVolumeAsync(name: "projectless");

        var at367 = await ApiAssert.OkJsonAsync(await Demo("3.67").GetAsync($"v3/volumes/{id}"));
        var list367 = await ApiAssert.OkJsonAsync(await Demo("3.67").GetAsync("v3/volumes/detail?name=projectless"));

        Assert.Equal(id, at367.GetProperty("volume").GetProperty("id").GetString());
        Assert.Equal([id], CinderVolumesApi.Ids(list367));
        await ApiAssert.FaultAsync(await Demo("3.66").GetAsync($"v3/volumes/{id}"), HttpStatusCode.NotFound, "itemNotFound", FaultMessages.ResourceNotFound);
        await ApiAssert.FaultAsync(await Demo().GetAsync("v3/volumes/detail"), HttpStatusCode.NotFound, "itemNotFound", FaultMessages.ResourceNotFound);
    }

    [Fact]
    public async Task Update_renames_redescribes_and_replaces_metadata_and_answers_the_volume()
    {
        var api = Demo();
        var id = (await api.CreateAsync("""{"volume": {"size": 1, "name": "a", "description": "b", "metadata": {"old": "1"}}}""")).GetProperty("id").GetString()!;

        var updated = await ApiAssert.OkJsonAsync(await api.SendAsync(HttpMethod.Put, $"{api.Volumes}/{id}",
            """{"volume": {"name": "renamed", "metadata": {"new": "2"}}}"""));
        var cleared = await ApiAssert.OkJsonAsync(await api.SendAsync(HttpMethod.Put, $"{api.Volumes}/{id}", """{"volume": {"description": null}}"""));

        Assert.Equal("renamed", updated.GetProperty("volume").GetProperty("name").GetString());
        Assert.Equal("b", updated.GetProperty("volume").GetProperty("description").GetString());
        Assert.Equal("""{"new":"2"}""", updated.GetProperty("volume").GetProperty("metadata").GetRawText());
        var shown = await api.ShowAsync(id);
        Assert.Equal("renamed", shown.GetProperty("name").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, shown.GetProperty("description").ValueKind);
        Assert.Equal(cleared.GetProperty("volume").GetRawText(), shown.GetRawText());
        await ApiAssert.FaultAsync(await api.SendAsync(HttpMethod.Put, $"{api.Volumes}/{id}", """{"volume": {"size": 2}}"""),
            HttpStatusCode.BadRequest, "badRequest", "Invalid input for field/attribute volume. Additional properties are not allowed ('size' was unexpected).");
    }

    [Fact]
    public async Task Delete_answers_202_and_the_volume_is_gone()
    {
        var api = Demo();
        var id = await api.CreateVolumeAsync();

        using var response = await api.SendAsync(HttpMethod.Delete, $"{api.Volumes}/{id}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        await ApiAssert.FaultAsync(await api.ShowResponseAsync(id), HttpStatusCode.NotFound, "itemNotFound", FaultMessages.VolumeNotFound(id));
    }

    [Fact]
    public async Task The_compute_servers_path_openstackclient_asks_is_a_404_it_tolerates()
    {
        using var client = Server.CreateClient(Server.Tokens.Demo);
        client.DefaultRequestHeaders.Add("X-OpenStack-Nova-API-Version", "2.1");

        await ApiAssert.FaultAsync(await client.GetPathAsync("v3/demo/servers/detail"), HttpStatusCode.NotFound, "itemNotFound", FaultMessages.ResourceNotFound);
        await ApiAssert.FaultAsync(await client.GetPathAsync("v3/demo/servers/detail?all_tenants=True"), HttpStatusCode.NotFound, "itemNotFound",
            FaultMessages.ResourceNotFound);
    }
}
