using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using VolumeBackup.IntegrationTests.Backups;
using VolumeBackup.Testing.Cinder;

namespace VolumeBackup.IntegrationTests.Cinder;

/// <summary>
/// Pins the JSON of every backup response of the Cinder surface: the field names (Tempest's schemas allow no others),
/// their types, the timestamp format gophercloud parses, the links, and the fields each microversion adds.
/// </summary>
public sealed partial class CinderBackupContractTests(BackupServerFixture fixture) : IClassFixture<BackupServerFixture>
{
    private static readonly string[] DetailFields =
    [
        "availability_zone", "container", "created_at", "data_timestamp", "description", "fail_reason", "has_dependent_backups",
        "id", "is_incremental", "links", "name", "object_count", "size", "snapshot_id", "status", "updated_at", "volume_id",
    ];

    // Exactly Cinder's fields: verification shows through fail_reason, not extra fields (docs/cinder-api.md, Verify).
    private static readonly string[] DetailFieldsShown = DetailFields;

    [Fact]
    public async Task Show_at_3_0_has_exactly_cinders_fields_with_their_types_and_zoneless_microsecond_times()
    {
        var api = CinderBackupsApi.Admin(fixture.Server);
        var volume = await api.CreateVolumeAsync();
        var id = await api.CreateBackupAsync(volume, extra: ", \"name\": \"nightly\", \"description\": \"d\"");
        await api.WaitForBackupStatusAsync(id, "available");

        var backup = await api.ShowAsync(id);

        Assert.Equal(DetailFieldsShown, Names(backup));
        Assert.Matches(UuidPattern(), id);
        Assert.Equal(id, backup.GetProperty("id").GetString());
        Assert.Equal("nightly", backup.GetProperty("name").GetString());
        Assert.Equal("d", backup.GetProperty("description").GetString());
        Assert.Equal("available", backup.GetProperty("status").GetString());
        Assert.Equal(1, backup.GetProperty("size").GetInt32());
        Assert.True(backup.GetProperty("object_count").GetInt32() > 0);
        Assert.Equal("az-1", backup.GetProperty("availability_zone").GetString());
        Assert.Equal("volumebackups", backup.GetProperty("container").GetString());
        Assert.Equal(volume, backup.GetProperty("volume_id").GetString());
        Assert.Equal(JsonValueKind.Null, backup.GetProperty("fail_reason").ValueKind);
        Assert.Equal(JsonValueKind.Null, backup.GetProperty("snapshot_id").ValueKind);
        Assert.Equal(JsonValueKind.False, backup.GetProperty("is_incremental").ValueKind);
        Assert.Equal(JsonValueKind.False, backup.GetProperty("has_dependent_backups").ValueKind);
        foreach (var field in new[] { "created_at", "updated_at", "data_timestamp" })
        {
            Assert.Matches(TimestampPattern(), backup.GetProperty(field).GetString());
        }

        Assert.Equal(backup.GetProperty("created_at").GetString(), backup.GetProperty("data_timestamp").GetString());
        AssertLinks(backup.GetProperty("links"), api.Project, id);
    }

    [Fact]
    public async Task Later_microversions_add_metadata_and_for_admins_the_project_and_user_and_nothing_else()
    {
        var admin = CinderBackupsApi.Admin(fixture.Server);
        var volume = await admin.CreateVolumeAsync();
        var id = await admin.CreateBackupAsync(volume, extra: ", \"metadata\": {\"k\": \"v\"}", version: "3.43");
        await admin.WaitForBackupStatusAsync(id, "available");

        var at56 = await admin.ShowAsync(id, "3.56");
        Assert.Equal(Fields("metadata", "os-backup-project-attr:project_id", "user_id"), Names(at56));
        Assert.Equal(admin.Project, at56.GetProperty("os-backup-project-attr:project_id").GetString());
        Assert.Equal("v", Assert.Single(at56.GetProperty("metadata").EnumerateObject()).Value.GetString());
        Assert.Equal(JsonValueKind.String, at56.GetProperty("user_id").ValueKind);

        Assert.Equal(Fields("os-backup-project-attr:project_id"), Names(await admin.ShowAsync(id, "3.18")));
        Assert.Equal(Fields("metadata", "os-backup-project-attr:project_id"), Names(await admin.ShowAsync(id, "3.43")));

        var member = CinderBackupsApi.Member(fixture.Server);
        var own = await member.CreateBackupAsync(await member.CreateVolumeAsync(), extra: ", \"metadata\": {}", version: "3.43");
        Assert.Equal(Fields("metadata"), Names(await member.ShowAsync(own, "3.56")));
        await member.WaitForBackupStatusAsync(own, "available");
    }

    [Fact]
    public async Task Create_update_restore_list_and_delete_answer_cinders_envelopes_and_statuses()
    {
        var api = CinderBackupsApi.Admin(fixture.Server);
        var volume = await api.CreateVolumeAsync();

        var created = await CinderBackupsApi.JsonAsync(
            await api.PostBackupAsync($"{{\"backup\": {{\"volume_id\": \"{volume}\", \"name\": \"b1\", \"metadata\": {{\"a\": \"b\"}}}}}}", "3.43"),
            HttpStatusCode.Accepted);
        var summary = Assert.Single(created.EnumerateObject());
        Assert.Equal("backup", summary.Name);
        Assert.Equal(["id", "links", "name"], Names(summary.Value));
        var id = summary.Value.GetProperty("id").GetString()!;
        Assert.Equal("b1", summary.Value.GetProperty("name").GetString());
        AssertLinks(summary.Value.GetProperty("links"), api.Project, id);
        await api.WaitForBackupStatusAsync(id, "available");

        var list = await CinderBackupsApi.JsonAsync(await api.GetAsync(api.Backups), HttpStatusCode.OK);
        Assert.Equal(["backups"], Names(list));
        Assert.Equal(["id", "links", "name"], Names(Assert.Single(list.GetProperty("backups").EnumerateArray())));
        var detail = await CinderBackupsApi.JsonAsync(await api.GetAsync(api.Backups + "/detail"), HttpStatusCode.OK);
        Assert.Equal(["backups"], Names(detail));
        Assert.Equal(DetailFieldsShown, Names(Assert.Single(detail.GetProperty("backups").EnumerateArray())));

        var updated = await CinderBackupsApi.JsonAsync(
            await api.SendAsync(HttpMethod.Put, $"{api.Backups}/{id}", "{\"backup\": {\"name\": \"b2\", \"description\": \"new\"}}", "3.9"),
            HttpStatusCode.OK);
        Assert.Equal(["id", "links", "name"], Names(updated.GetProperty("backup")));
        Assert.Equal("b2", updated.GetProperty("backup").GetProperty("name").GetString());
        Assert.Equal("new", (await api.ShowAsync(id)).GetProperty("description").GetString());

        var restore = await api.RestoreAsync(id);
        Assert.Equal(["backup_id", "volume_id", "volume_name"], Names(restore));
        Assert.Equal(id, restore.GetProperty("backup_id").GetString());
        Assert.Matches(UuidPattern(), restore.GetProperty("volume_id").GetString());
        Assert.Equal($"restore_backup_{id}", restore.GetProperty("volume_name").GetString());
        await api.WaitForVolumeStatusAsync(restore.GetProperty("volume_id").GetString()!, "available");
        await api.WaitForBackupStatusAsync(id, "available");

        using var deleted = await api.DeleteBackupAsync(id);
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        Assert.Empty(await deleted.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        await api.WaitUntilGoneAsync(id);
        await Testing.Servers.ApiAssert.FaultAsync(
            await api.GetAsync($"{api.Backups}/{id}"), HttpStatusCode.NotFound, "itemNotFound", $"Backup {id} could not be found.");
    }

    private void AssertLinks(JsonElement links, string project, string id)
    {
        var expected = new[]
        {
            ("self", $"{fixture.Server.BaseUrl}/v3/{project}/backups/{id}"),
            ("bookmark", $"{fixture.Server.BaseUrl}/{project}/backups/{id}"),
        };
        Assert.Equal(expected, links.EnumerateArray().Select(l =>
        {
            Assert.Equal(["href", "rel"], Names(l));
            return (l.GetProperty("rel").GetString()!, l.GetProperty("href").GetString()!);
        }));
    }

    private static string[] Fields(params string[] extra) => [.. DetailFieldsShown.Concat(extra).Order(StringComparer.Ordinal)];

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{6}$")]
    private static partial Regex TimestampPattern();

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex UuidPattern();
}
