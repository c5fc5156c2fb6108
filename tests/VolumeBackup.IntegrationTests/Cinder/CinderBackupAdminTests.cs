using System.Net;
using VolumeBackup.IntegrationTests.Backups;
using VolumeBackup.Testing.Cinder;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Cinder;

/// <summary>The admin actions (force delete, reset status, export, import): Cinder's rules for admins, 403 for members.</summary>
public sealed class CinderBackupAdminTests(BackupServerFixture fixture) : IClassFixture<BackupServerFixture>
{
    [Fact]
    public async Task Members_are_refused_every_admin_action_and_their_backup_is_left_as_it_was()
    {
        var member = CinderBackupsApi.Member(fixture.Server);
        var id = await member.CreateBackupAsync(await member.CreateVolumeAsync());
        await member.WaitForBackupStatusAsync(id, "available");
        var action = $"{member.Backups}/{id}/action";

        await ApiAssert.FaultAsync(await member.PostAsync(action, "{\"os-force_delete\": {}}"), HttpStatusCode.Forbidden, "forbidden",
            "Policy doesn't allow volume_extension:backup_admin_actions:force_delete to be performed.");
        await ApiAssert.FaultAsync(await member.PostAsync(action, "{\"os-reset_status\": {\"status\": \"error\"}}"), HttpStatusCode.Forbidden,
            "forbidden", "Policy doesn't allow volume_extension:backup_admin_actions:reset_status to be performed.");
        await ApiAssert.FaultAsync(await member.GetAsync($"{member.Backups}/{id}/export_record"), HttpStatusCode.Forbidden, "forbidden",
            "Policy doesn't allow backup:export-import to be performed.");
        await ApiAssert.FaultAsync(
            await member.PostAsync($"{member.Backups}/import_record",
                "{\"backup-record\": {\"backup_service\": \"cinder.backup.drivers.volumebackup\", \"backup_url\": \"e30=\"}}"),
            HttpStatusCode.Forbidden, "forbidden", "Policy doesn't allow backup:backup-import to be performed.");

        Assert.Equal("available", (await member.ShowAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_admin_resets_a_status_to_available_or_error_only_in_any_case()
    {
        var admin = CinderBackupsApi.Admin(fixture.Server);
        var id = await admin.CreateBackupAsync(await admin.CreateVolumeAsync());
        await admin.WaitForBackupStatusAsync(id, "available");
        var action = $"{admin.Backups}/{id}/action";

        var reset = await admin.PostAsync(action, "{\"os-reset_status\": {\"status\": \"error\"}}");
        Assert.Equal(HttpStatusCode.Accepted, reset.StatusCode);
        Assert.Equal("error", (await admin.ShowAsync(id)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync(action, "{\"os-reset_status\": {\"status\": \"AVAILABLE\"}}")).StatusCode);
        Assert.Equal("available", (await admin.ShowAsync(id)).GetProperty("status").GetString());

        await ApiAssert.FaultAsync(await admin.PostAsync(action, "{\"os-reset_status\": {\"status\": \"creating\"}}"), HttpStatusCode.BadRequest,
            "badRequest", "Backup status: creating is invalid, valid statuses are: ['available', 'error'].");
        await ApiAssert.FaultAsync(await admin.PostAsync(action, "{\"os-reset_status\": {}}"), HttpStatusCode.BadRequest,
            "badRequest", "Incorrect request body format. 'status' is required.");
        await ApiAssert.FaultAsync(await admin.PostAsync(action, "{\"os-explode\": {}}"), HttpStatusCode.BadRequest,
            "badRequest", "There is no such action: os-explode");
        Assert.Equal("available", (await admin.ShowAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_admin_force_deletes_an_error_backup_a_restoring_one_and_one_still_being_made_leaving_no_root_behind()
    {
        var admin = CinderBackupsApi.Admin(fixture.Server);
        var volume = await admin.CreateVolumeAsync();
        var roots = Path.Combine(fixture.Server.DataDirectory, "objects", admin.Project, "forced", "backups");

        // Error: what a plain delete also allows.
        var failed = await admin.CreateBackupAsync(volume, container: "forced");
        await admin.WaitForBackupStatusAsync(failed, "available");
        await admin.WaitForVolumeStatusAsync(volume, "available");
        await admin.PostAsync($"{admin.Backups}/{failed}/action", "{\"os-reset_status\": {\"status\": \"error\"}}");
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"{admin.Backups}/{failed}/action", "{\"os-force_delete\": {}}")).StatusCode);
        await admin.WaitUntilGoneAsync(failed);

        // Restoring: the restore finishes its volume, the backup goes.
        var restored = await admin.CreateBackupAsync(volume, container: "forced");
        await admin.WaitForBackupStatusAsync(restored, "available");
        await admin.WaitForVolumeStatusAsync(volume, "available");
        var target = (await admin.RestoreAsync(restored)).GetProperty("volume_id").GetString()!;
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"{admin.Backups}/{restored}/action", "{\"os-force_delete\": {}}")).StatusCode);
        await admin.WaitUntilGoneAsync(restored);
        Assert.Contains(await SettledStatusAsync(admin, target), new[] { "available", "error_restoring" });

        // Being made: the job ends, sees the force delete, and removes what it wrote.
        var creating = await admin.CreateBackupAsync(volume, container: "forced");
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"{admin.Backups}/{creating}/action", "{\"os-force_delete\": null}")).StatusCode);
        await admin.WaitUntilGoneAsync(creating);
        await admin.WaitForVolumeStatusAsync(volume, "available");
        Assert.Empty(Directory.Exists(roots) ? Directory.EnumerateFiles(roots, "manifest.json", SearchOption.AllDirectories) : []);
    }

    private static async Task<string> SettledStatusAsync(CinderBackupsApi api, string volume)
    {
        var deadline = DateTime.UtcNow + Testing.Backups.BackupApi.JobTimeout;
        while (true)
        {
            var status = (await api.VolumeAsync(volume)).GetProperty("status").GetString()!;
            if (status is not ("creating" or "restoring-backup") || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(100);
        }
    }
}
