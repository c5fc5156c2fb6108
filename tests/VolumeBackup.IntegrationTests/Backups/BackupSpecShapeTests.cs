using System.Text.Json;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Backups;

/// <summary>The spec's own request bodies are accepted as written, and answers have exactly the spec's fields.</summary>
public sealed class BackupSpecShapeTests(BackupServerFixture fixture) : IClassFixture<BackupServerFixture>
{
    [Fact]
    public async Task The_specs_create_example_with_its_trailing_comma_answers_200_with_the_backup_creating()
    {
        var api = fixture.NewTenant();
        var volumeId = await api.CreateVolumeAsync(1);

        var body = await ApiAssert.OkJsonAsync(await api.PostBackupAsync($$"""
            {
                "backup": {
                    "display_name": "backup-001",
                    "display_description": "Nightly Backup 03-Sep-2012",
                    "volume_id": "{{volumeId}}",
                    "container": "nightlybackups",
                 }
            }
            """));

        var backup = body.GetProperty("backup");
        Assert.Equal(["id", "display_name", "display_description", "volume_id", "container", "status", "created_at"], Keys(backup));
        Assert.Matches("^[1-9][0-9]*$", backup.GetProperty("id").GetString());
        Assert.Equal("backup-001", backup.GetProperty("display_name").GetString());
        Assert.Equal("Nightly Backup 03-Sep-2012", backup.GetProperty("display_description").GetString());
        Assert.Equal(volumeId, backup.GetProperty("volume_id").GetString());
        Assert.Equal("nightlybackups", backup.GetProperty("container").GetString());
        Assert.Equal(BackupStatus.Creating, backup.GetProperty("status").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", backup.GetProperty("created_at").GetString());
        await api.WaitForBackupStatusAsync(backup.GetProperty("id").GetString()!, BackupStatus.Available);
    }

    [Fact]
    public async Task Show_and_detail_have_the_specs_ten_fields_and_list_has_id_and_status()
    {
        var api = fixture.NewTenant();
        var volumeId = await api.CreateVolumeAsync(2);
        var backupId = await api.CreateBackupAsync(volumeId);
        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);

        var shown = await api.ShowAsync(backupId);
        var detail = (await ApiAssert.OkJsonAsync(await api.Client.GetPathAsync(api.Backups + "/detail"))).GetProperty("backups");
        var list = (await ApiAssert.OkJsonAsync(await api.Client.GetPathAsync(api.Backups))).GetProperty("backups");

        string[] fields = ["id", "display_name", "display_description", "volume_id", "container", "status", "fail_reason", "created_at", "size", "object_count",
            "verification", "stored_bytes", "data_bytes"]; // the spec's ten, then this service's extras
        Assert.Equal(fields, Keys(shown));
        Assert.Equal(shown.GetRawText(), Assert.Single(detail.EnumerateArray()).GetRawText());
        Assert.Equal(["id", "status"], Keys(Assert.Single(list.EnumerateArray())));
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("fail_reason").ValueKind);
        Assert.Equal(2, shown.GetProperty("size").GetInt32());
        Assert.Equal(volumeId, shown.GetProperty("volume_id").GetString());
    }

    [Fact]
    public async Task The_specs_restore_example_with_its_trailing_comma_answers_the_backup_and_volume_ids()
    {
        var api = fixture.NewTenant();
        var volumeId = await api.CreateVolumeAsync(1);
        var backupId = await api.CreateBackupAsync(volumeId);
        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        await api.WaitForVolumeStatusAsync(volumeId, "available");

        var body = await ApiAssert.OkJsonAsync(await api.PostRestoreAsync(backupId, $$"""
            {
                "restore": {
                    "volume_id": "{{volumeId}}",
                 }
            }
            """));

        var restore = body.GetProperty("restore");
        Assert.Equal(["backup_id", "volume_id"], Keys(restore));
        Assert.Equal(backupId, restore.GetProperty("backup_id").GetString());
        Assert.Equal(volumeId, restore.GetProperty("volume_id").GetString());
        await api.WaitForVolumeStatusAsync(volumeId, "available");
    }

    [Fact]
    public async Task Ids_sent_as_numbers_are_accepted_like_strings()
    {
        var api = fixture.NewTenant();
        var volumeId = await api.CreateVolumeAsync(1);

        var created = await ApiAssert.OkJsonAsync(await api.PostBackupAsync($"{{\"backup\": {{\"volume_id\": {volumeId}}}}}"));
        var backupId = created.GetProperty("backup").GetProperty("id").GetString()!;
        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        await api.WaitForVolumeStatusAsync(volumeId, "available");
        var restored = await ApiAssert.OkJsonAsync(await api.PostRestoreAsync(backupId, $"{{\"restore\": {{\"volume_id\": {volumeId}}}}}"));

        Assert.Equal(volumeId, restored.GetProperty("restore").GetProperty("volume_id").GetString());
        await api.WaitForVolumeStatusAsync(volumeId, "available");
    }

    private static string[] Keys(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];
}
