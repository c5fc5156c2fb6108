using System.Net;
using VolumeBackup.Domain.Faults;
using VolumeBackup.IntegrationTests.Backups;
using VolumeBackup.Platform;
using VolumeBackup.Testing.Cinder;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Cinder;

/// <summary>
/// What the backups resource accepts and refuses: the bodies real clients send (null and false for keys we do not use),
/// and clear 400s for bad UUIDs, wrong types, unknown keys, snapshots, in-use volumes and impossible incrementals.
/// </summary>
public sealed class CinderBackupRequestTests(BackupServerFixture fixture) : IClassFixture<BackupServerFixture>
{
    [Fact]
    public async Task Cinderclients_exact_create_body_with_nulls_and_falses_is_accepted_and_restore_null_restores_to_a_new_volume()
    {
        var api = CinderBackupsApi.Admin(fixture.Server);
        var volume = await api.CreateVolumeAsync();

        var created = await CinderBackupsApi.JsonAsync(await api.PostBackupAsync(
            $"{{\"backup\": {{\"volume_id\": \"{volume}\", \"container\": null, \"name\": null, \"description\": null, " +
            "\"incremental\": false, \"force\": false, \"snapshot_id\": null}}"), HttpStatusCode.Accepted);
        var id = created.GetProperty("backup").GetProperty("id").GetString()!;
        await api.WaitForBackupStatusAsync(id, "available");

        var restore = await CinderBackupsApi.JsonAsync(
            await api.PostAsync($"{api.Backups}/{id}/restore", "{\"restore\": null}"), HttpStatusCode.Accepted);
        var target = restore.GetProperty("restore").GetProperty("volume_id").GetString()!;
        Assert.NotEqual(volume, target);
        await api.WaitForVolumeStatusAsync(target, "available");
    }

    [Theory]
    [InlineData("{\"backup\": {\"volume_id\": \"not-a-uuid\"}}", "'volume_id' must be a UUID")]
    [InlineData("{\"backup\": {\"volume_id\": 42}}", "'volume_id' must be a UUID")]
    [InlineData("{\"backup\": {}}", "'volume_id' is required")]
    [InlineData("{\"backup\": {\"volume_id\": null}}", "'volume_id' is required")]
    [InlineData("{\"backup\": {\"volume_id\": \"@V\", \"incremental\": \"maybe\"}}", "'incremental' must be a boolean")]
    [InlineData("{\"backup\": {\"volume_id\": \"@V\", \"force\": 1}}", "'force' must be a boolean")]
    [InlineData("{\"backup\": {\"volume_id\": \"@V\", \"name\": 5}}", "'name' must be a string")]
    [InlineData("{\"backup\": {\"volume_id\": \"@V\", \"container\": \"a/b\"}}", "'container' is not a valid container name")]
    [InlineData("{\"backup\": {\"volume_id\": \"@V\", \"colour\": \"red\"}}", "'colour' is not a field of this request at this microversion")]
    [InlineData("{\"backup\": {\"volume_id\": \"@V\", \"metadata\": {\"k\": \"v\"}}}", "'metadata' is not a field of this request at this microversion")]
    [InlineData("{\"backup\": {\"volume_id\": \"@V\", \"availability_zone\": \"az-1\"}}", "'availability_zone' is not a field of this request at this microversion")]
    public async Task A_malformed_create_is_a_400_naming_the_field_and_makes_no_backup(string body, string problem)
    {
        var api = CinderBackupsApi.Admin(fixture.Server);
        var volume = await api.CreateVolumeAsync();

        await ApiAssert.FaultAsync(await api.PostBackupAsync(body.Replace("@V", volume, StringComparison.Ordinal)),
            HttpStatusCode.BadRequest, "badRequest", $"{FaultMessages.IncorrectBodyFormat} {problem}.");

        var list = await CinderBackupsApi.JsonAsync(await api.GetAsync(api.Backups), HttpStatusCode.OK);
        Assert.Empty(list.GetProperty("backups").EnumerateArray());
    }

    [Fact]
    public async Task Later_keys_are_accepted_from_their_microversion_and_strings_count_as_booleans()
    {
        var api = CinderBackupsApi.Admin(fixture.Server);
        var volume = await api.CreateVolumeAsync();
        var id = await api.CreateBackupAsync(
            volume, extra: ", \"metadata\": {\"k\": \"v\"}, \"availability_zone\": \"az-1\", \"force\": \"no\", \"incremental\": \"false\"", version: "3.51");
        await api.WaitForBackupStatusAsync(id, "available");

        await ApiAssert.FaultAsync(
            await api.PostBackupAsync($"{{\"backup\": {{\"volume_id\": \"{volume}\", \"availability_zone\": \"elsewhere\"}}}}", "3.51"),
            HttpStatusCode.BadRequest, "badRequest", FaultMessages.InvalidField("availability_zone", "must be az-1"));
    }

    [Fact]
    public async Task Unknown_volume_and_backup_ids_are_cinders_404s_whatever_their_shape()
    {
        var api = CinderBackupsApi.Admin(fixture.Server);
        var missing = Guid.NewGuid().ToString("D");

        await ApiAssert.FaultAsync(await api.PostBackupAsync($"{{\"backup\": {{\"volume_id\": \"{missing}\"}}}}"),
            HttpStatusCode.NotFound, "itemNotFound", $"Volume {missing} could not be found.");
        foreach (var id in new[] { missing, "not-a-uuid", "1" })
        {
            await ApiAssert.FaultAsync(await api.GetAsync($"{api.Backups}/{id}"), HttpStatusCode.NotFound, "itemNotFound", $"Backup {id} could not be found.");
            await ApiAssert.FaultAsync(await api.DeleteBackupAsync(id), HttpStatusCode.NotFound, "itemNotFound", $"Backup {id} could not be found.");
            await ApiAssert.FaultAsync(await api.PostAsync($"{api.Backups}/{id}/restore", "{\"restore\": {}}"),
                HttpStatusCode.NotFound, "itemNotFound", $"Backup {id} could not be found.");
        }
    }

    [Fact]
    public async Task A_snapshot_id_is_refused_clearly_since_snapshots_do_not_exist_yet()
    {
        var api = CinderBackupsApi.Admin(fixture.Server);
        var volume = await api.CreateVolumeAsync();

        await ApiAssert.FaultAsync(
            await api.PostBackupAsync($"{{\"backup\": {{\"volume_id\": \"{volume}\", \"snapshot_id\": \"{Guid.NewGuid():D}\"}}}}"),
            HttpStatusCode.BadRequest, "badRequest", FaultMessages.SnapshotBackupsUnavailable);
        Assert.Equal("available", (await api.VolumeAsync(volume)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_in_use_volume_needs_the_force_flag_and_with_it_on_a_file_system_without_clones_is_refused_naming_it()
    {
        var api = CinderBackupsApi.Admin(fixture.Server);
        var volume = await api.CreateVolumeAsync();
        await api.VolumeActionAsync(volume, "{\"os-reserve\": null}");
        await ApiAssert.FaultAsync(await api.PostBackupAsync($"{{\"backup\": {{\"volume_id\": \"{volume}\"}}}}"),
            HttpStatusCode.BadRequest, "badRequest",
            "Invalid volume: Volume to be backed up must be available or in-use, but the current status is \"attaching\".");

        await api.VolumeActionAsync(volume, $"{{\"os-attach\": {{\"instance_uuid\": \"{Guid.NewGuid():D}\", \"mountpoint\": \"/dev/vdb\", \"mode\": \"rw\"}}}}");
        Assert.Equal("in-use", (await api.VolumeAsync(volume)).GetProperty("status").GetString());
        await ApiAssert.FaultAsync(await api.PostBackupAsync($"{{\"backup\": {{\"volume_id\": \"{volume}\"}}}}"),
            HttpStatusCode.BadRequest, "badRequest", "Invalid volume: Backing up an in-use volume must use the force flag.");
        await ApiAssert.FaultAsync(await api.PostBackupAsync($"{{\"backup\": {{\"volume_id\": \"{volume}\", \"force\": true}}}}"),
            HttpStatusCode.BadRequest, "badRequest", FaultMessages.InUseBackupNeedsSnapshot(
                $"the volume's file system ({MountTable.FileSystemTypeOf(fixture.Server.DataDirectory)}) cannot make reflink clones (XFS and btrfs can)."));
        Assert.Equal("in-use", (await api.VolumeAsync(volume)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_incremental_without_an_earlier_backup_is_cinders_400_and_with_one_is_reported_incremental()
    {
        var api = CinderBackupsApi.Admin(fixture.Server);
        var volume = await api.CreateVolumeAsync();
        await ApiAssert.FaultAsync(await api.PostBackupAsync($"{{\"backup\": {{\"volume_id\": \"{volume}\", \"incremental\": true}}}}"),
            HttpStatusCode.BadRequest, "badRequest", "Invalid backup: No backups available to do an incremental backup.");

        var full = await api.CreateBackupAsync(volume);
        await api.WaitForBackupStatusAsync(full, "available");
        await api.WaitForVolumeStatusAsync(volume, "available");
        var incremental = await api.CreateBackupAsync(volume, extra: ", \"incremental\": true");
        var shown = await api.WaitForBackupStatusAsync(incremental, "available");

        Assert.True(shown.GetProperty("is_incremental").GetBoolean());
        Assert.False(shown.GetProperty("has_dependent_backups").GetBoolean());
        Assert.False((await api.ShowAsync(full)).GetProperty("is_incremental").GetBoolean());
    }

    [Theory]
    [InlineData("{\"restore\": {\"volume_id\": \"nope\"}}", "'volume_id' must be a UUID")]
    [InlineData("{\"restore\": {\"name\": 3}}", "'name' must be a string")]
    [InlineData("{\"restore\": {\"size\": 3}}", "'size' is not a field of this request at this microversion")]
    public async Task A_malformed_restore_is_a_400_naming_the_field(string body, string problem)
    {
        var api = CinderBackupsApi.Admin(fixture.Server);
        await ApiAssert.FaultAsync(await api.PostAsync($"{api.Backups}/{Guid.NewGuid():D}/restore", body),
            HttpStatusCode.BadRequest, "badRequest", $"{FaultMessages.IncorrectBodyFormat} {problem}.");
    }

    [Fact]
    public async Task Update_exists_from_3_9_and_refuses_metadata_before_3_43()
    {
        var api = CinderBackupsApi.Admin(fixture.Server);
        var volume = await api.CreateVolumeAsync();
        var id = await api.CreateBackupAsync(volume);
        var path = $"{api.Backups}/{id}";

        await ApiAssert.FaultAsync(await api.SendAsync(HttpMethod.Put, path, "{\"backup\": {\"name\": \"x\"}}", "3.8"),
            HttpStatusCode.NotFound, "itemNotFound", FaultMessages.ResourceNotFound);
        await ApiAssert.FaultAsync(await api.SendAsync(HttpMethod.Put, path, "{\"backup\": {\"metadata\": {}}}", "3.42"),
            HttpStatusCode.BadRequest, "badRequest", $"{FaultMessages.IncorrectBodyFormat} 'metadata' is not a field of this request at this microversion.");
        await CinderBackupsApi.JsonAsync(
            await api.SendAsync(HttpMethod.Put, path, "{\"backup\": {\"metadata\": {\"a\": \"1\"}}}", "3.43"), HttpStatusCode.OK);

        var shown = await api.ShowAsync(id, "3.43");
        Assert.Equal("1", shown.GetProperty("metadata").GetProperty("a").GetString());
        await api.WaitForBackupStatusAsync(id, "available");
    }
}
