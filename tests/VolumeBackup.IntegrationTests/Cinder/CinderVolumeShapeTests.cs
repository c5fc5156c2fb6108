using System.Net;
using System.Text.Json;
using VolumeBackup.IntegrationTests.Api;
using VolumeBackup.Testing.Cinder;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Cinder;

/// <summary>
/// The JSON of every volume answer, field by field: names, types, Cinder's timestamp format, links, and which fields
/// each microversion and the admin role add. Clients index into these (cinderclient, OSC, gophercloud).
/// </summary>
public sealed class CinderVolumeShapeTests(SharedServerFixture fixture) : IClassFixture<SharedServerFixture>
{
    private const string Timestamp = @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$";
    private const string Uuid = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

    private static readonly string[] Fields30 =
    [
        "id", "name", "description", "status", "size", "availability_zone", "created_at", "updated_at", "attachments",
        "volume_type", "snapshot_id", "source_volid", "metadata", "user_id", "bootable", "encrypted", "multiattach",
        "replication_status", "consistencygroup_id", "links",
    ];

    private static readonly string[] AddedBy367 = ["group_id", "service_uuid", "shared_targets", "volume_type_id", "consumes_quota"];
    private static readonly string[] AdminOnly30 = ["os-vol-tenant-attr:tenant_id", "os-vol-host-attr:host"];
    private static readonly string[] AdminOnly367 = ["provider_id", "cluster_name"];

    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Create_answers_202_with_cinders_full_3_0_volume()
    {
        var api = new CinderVolumesApi(Server.CreateClient(Server.Tokens.Demo), "demo");

        var volume = await api.CreateAsync("""
            {"volume": {"size": 2, "name": "db", "description": "data", "availability_zone": "az-1", "metadata": {"k": "v"}}}
            """);

        Assert.Equal(Fields30.Order(StringComparer.Ordinal), Keys(volume));
        var id = volume.GetProperty("id").GetString()!;
        Assert.Matches(Uuid, id);
        Assert.Equal("db", volume.GetProperty("name").GetString());
        Assert.Equal("data", volume.GetProperty("description").GetString());
        Assert.Equal("available", volume.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Number, volume.GetProperty("size").ValueKind);
        Assert.Equal(2, volume.GetProperty("size").GetInt32());
        Assert.Equal("az-1", volume.GetProperty("availability_zone").GetString());
        Assert.Matches(Timestamp, volume.GetProperty("created_at").GetString());
        Assert.Matches(Timestamp, volume.GetProperty("updated_at").GetString());
        Assert.Equal("[]", volume.GetProperty("attachments").GetRawText());
        Assert.Equal("__DEFAULT__", volume.GetProperty("volume_type").GetString());
        Assert.Equal(JsonValueKind.Null, volume.GetProperty("snapshot_id").ValueKind);
        Assert.Equal(JsonValueKind.Null, volume.GetProperty("source_volid").ValueKind);
        Assert.Equal("""{"k":"v"}""", volume.GetProperty("metadata").GetRawText());
        Assert.Equal("demo", volume.GetProperty("user_id").GetString());
        Assert.Equal("false", volume.GetProperty("bootable").GetString()); // a string, as Cinder writes it
        Assert.Equal(JsonValueKind.False, volume.GetProperty("encrypted").ValueKind);
        Assert.Equal(JsonValueKind.False, volume.GetProperty("multiattach").ValueKind);
        Assert.Equal(JsonValueKind.Null, volume.GetProperty("replication_status").ValueKind);
        Assert.Equal(JsonValueKind.Null, volume.GetProperty("consistencygroup_id").ValueKind);
        Assert.Equal(
            [("self", $"{Server.BaseUrl}/v3/demo/volumes/{id}"), ("bookmark", $"{Server.BaseUrl}/demo/volumes/{id}")],
            volume.GetProperty("links").EnumerateArray().Select(l => (l.GetProperty("rel").GetString(), l.GetProperty("href").GetString())));
    }

    [Fact]
    public async Task Show_and_detail_answer_the_same_volume_as_create()
    {
        var api = new CinderVolumesApi(Server.CreateClient(Server.Tokens.Demo), "demo");
        var created = await api.CreateAsync("""{"volume": {"size": 1, "name": "same"}}""");
        var id = created.GetProperty("id").GetString()!;

        var shown = await api.ShowAsync(id);
        var listed = (await api.ListAsync("?name=same")).GetProperty("volumes").EnumerateArray().Single(v => v.GetProperty("id").GetString() == id);

        Assert.Equal(created.GetRawText(), shown.GetRawText());
        Assert.Equal(shown.GetRawText(), listed.GetRawText());
    }

    [Fact]
    public async Task The_summary_list_has_only_id_name_and_links()
    {
        var api = new CinderVolumesApi(Server.CreateClient(Server.Tokens.Demo), "demo");
        var id = await api.CreateVolumeAsync(name: "summary");

        var list = await api.ListAsync(detail: false);

        Assert.Equal(["volumes"], list.EnumerateObject().Select(p => p.Name)); // fewer than 1000: no volumes_links
        var item = list.GetProperty("volumes").EnumerateArray().Single(v => v.GetProperty("id").GetString() == id);
        Assert.Equal(["id", "links", "name"], Keys(item));
        Assert.Equal("summary", item.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Microversion_3_67_adds_the_later_fields_and_admins_see_theirs()
    {
        using var client = Server.CreateClient(Server.Tokens.Admin);
        var admin = new CinderVolumesApi(client, "admin");
        var id = await admin.CreateVolumeAsync();

        var at30 = await admin.ShowAsync(id);
        var at367 = await admin.At("3.67").ShowAsync(id);
        var demoVolume = await new CinderVolumesApi(Server.CreateClient(Server.Tokens.Demo), "demo", "3.67").CreateAsync("""{"volume": {"size": 1}}""");

        Assert.Equal(Fields30.Concat(AdminOnly30).Order(StringComparer.Ordinal), Keys(at30));
        Assert.Equal(Fields30.Concat(AdminOnly30).Concat(AddedBy367).Concat(AdminOnly367).Order(StringComparer.Ordinal), Keys(at367));
        Assert.Equal(Fields30.Concat(AddedBy367).Order(StringComparer.Ordinal), Keys(demoVolume));
        Assert.Equal("admin", at367.GetProperty("os-vol-tenant-attr:tenant_id").GetString());
        Assert.Equal("test-node", at367.GetProperty("os-vol-host-attr:host").GetString());
        Assert.Equal(JsonValueKind.Null, at367.GetProperty("group_id").ValueKind);
        Assert.Equal(JsonValueKind.Null, at367.GetProperty("provider_id").ValueKind);
        Assert.Equal(JsonValueKind.Null, at367.GetProperty("cluster_name").ValueKind);
        Assert.Matches(Uuid, at367.GetProperty("service_uuid").GetString());
        Assert.Equal(JsonValueKind.False, at367.GetProperty("shared_targets").ValueKind);
        Assert.Matches(Uuid, at367.GetProperty("volume_type_id").GetString());
        Assert.Equal(JsonValueKind.True, at367.GetProperty("consumes_quota").ValueKind);
    }

    [Theory]
    [InlineData("3.12", new[] { "group_id" }, false)]
    [InlineData("3.13", new[] { "group_id" }, true)]
    [InlineData("3.47", new[] { "service_uuid", "shared_targets" }, false)]
    [InlineData("3.48", new[] { "service_uuid", "shared_targets" }, true)]
    [InlineData("3.62", new[] { "volume_type_id" }, false)]
    [InlineData("3.63", new[] { "volume_type_id" }, true)]
    [InlineData("3.64", new[] { "consumes_quota" }, false)]
    [InlineData("3.65", new[] { "consumes_quota" }, true)]
    public async Task Each_later_field_appears_exactly_from_its_microversion(string version, string[] fields, bool present)
    {
        var api = new CinderVolumesApi(Server.CreateClient(Server.Tokens.Demo), "demo", version);

        var volume = await api.CreateAsync("""{"volume": {"size": 1}}""");

        Assert.All(fields, field => Assert.Equal(present, volume.TryGetProperty(field, out _)));
    }

    [Fact]
    public async Task The_response_names_the_negotiated_microversion()
    {
        var api = new CinderVolumesApi(Server.CreateClient(Server.Tokens.Demo), "demo", "latest");

        using var response = await api.GetAsync(api.Volumes);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("volume 3.67", response.Headers.GetValues(CinderVolumesApi.VersionHeader).Single());
    }

    private static List<string> Keys(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}
