using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Persistence;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.Cinder;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Backups.Verify;

/// <summary>
/// A backup being verified through the real server: restore (to a new volume or an existing one), delete and a second
/// verification are refused with 400 and change nothing, while an admin's force delete is not refused. Jobs are slowed to
/// 2 MB/s, so the verification of 12 MiB certainly still runs while the requests arrive.
/// </summary>
public sealed class BeingVerifiedTests(BeingVerifiedTests.SlowJobsServerFixture fixture)
    : IClassFixture<BeingVerifiedTests.SlowJobsServerFixture>
{
    [Fact]
    public async Task Restore_delete_and_a_second_verify_of_a_backup_being_verified_are_refused_and_change_nothing()
    {
        var api = fixture.NewTenant();
        var backupId = await NewBackupAsync(api, "being-verified");
        var targetId = await api.CreateVolumeAsync(1);
        var volumes = await api.ListVolumeIdsAsync();
        await StartVerifyAsync(api, backupId);
        await WaitUntilVerifyingAsync(api, backupId);

        var beingVerified = $"Invalid backup: Backup {backupId} is being verified; wait for the verification to end or cancel it.";
        await ApiAssert.FaultAsync(
            await api.PostRestoreAsync(backupId, "{\"restore\": {}}"), HttpStatusCode.BadRequest, "badRequest", beingVerified);
        await ApiAssert.FaultAsync(
            await api.PostRestoreAsync(backupId, $"{{\"restore\": {{\"volume_id\": \"{targetId}\"}}}}"),
            HttpStatusCode.BadRequest, "badRequest", beingVerified);
        await ApiAssert.FaultAsync(await api.DeleteBackupAsync(backupId), HttpStatusCode.BadRequest, "badRequest", beingVerified);
        await ApiAssert.FaultAsync(
            await api.Client.PostRawAsync($"{api.Backups}/{backupId}/verify", string.Empty), HttpStatusCode.BadRequest, "badRequest",
            "Invalid backup: Backup status must be available");

        // Still the one verification, running: the refusals rolled back all they had begun.
        var during = await WaitUntilVerifyingAsync(api, backupId);
        Assert.Equal(BackupStatus.Available, during.GetProperty("status").GetString());
        Assert.Equal(VolumeStatus.Available, (await api.VolumeAsync(targetId)).GetProperty("status").GetString());
        Assert.Equal(volumes, await api.ListVolumeIdsAsync());
        Assert.Equal([JobKind.CreateBackup, JobKind.VerifyBackup], (await JobsOnAsync(backupId)).Select(j => j.Kind));

        // Once it is cancelled the backup is as it was, and restorable again.
        using (var cancel = await api.Client.PostRawAsync($"{api.Backups}/{backupId}/cancel", string.Empty))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        }

        var after = await api.WaitForBackupAsync(
            backupId, b => !b.TryGetProperty("progress", out var p) || p.ValueKind == JsonValueKind.Null);
        Assert.Equal(BackupStatus.Available, after.GetProperty("status").GetString());
        Assert.Equal(BackupVerification.Unverified, after.GetProperty("verification").GetProperty("status").GetString());
        Assert.DoesNotContain(await JobsOnAsync(backupId), j => j.State is JobState.Queued or JobState.Running);
    }

    [Fact]
    public async Task An_admins_force_delete_of_a_backup_being_verified_is_not_refused()
    {
        var api = fixture.NewTenant();
        var backupId = await NewBackupAsync(api, "force-verified");
        await StartVerifyAsync(api, backupId);
        await WaitUntilVerifyingAsync(api, backupId);

        var cinder = CinderBackupsApi.Admin(fixture.Server, api.Tenant);
        var list = JsonDocument.Parse(
            await (await cinder.GetAsync(cinder.Backups)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var uuid = Assert.Single(list.RootElement.GetProperty("backups").EnumerateArray()).GetProperty("id").GetString()!;
        using (var forced = await cinder.PostAsync($"{cinder.Backups}/{uuid}/action", "{\"os-force_delete\": {}}"))
        {
            Assert.Equal(HttpStatusCode.Accepted, forced.StatusCode);
        }

        // The verification ends without a verdict; the delete removes the backup.
        await api.WaitUntilGoneAsync(backupId);
        var deadline = DateTime.UtcNow + BackupApi.JobTimeout;
        while ((await JobsOnAsync(backupId)).Any(j => j.State is JobState.Queued or JobState.Running))
        {
            Assert.True(DateTime.UtcNow < deadline, "The verification of the deleted backup did not end.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private static async Task<string> NewBackupAsync(BackupApi api, string container)
    {
        var volumeId = await api.CreateVolumeAsync(1);
        new VolumeFile(await api.DevicePathAsync(volumeId)).Write(0, VolumeFile.RandomBytes(12 << 20, seed: 31));
        var backupId = await api.CreateBackupAsync(volumeId, container);
        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        return backupId;
    }

    private static async Task StartVerifyAsync(BackupApi api, string backupId)
    {
        using var response = await api.Client.PostRawAsync($"{api.Backups}/{backupId}/verify", string.Empty);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static Task<JsonElement> WaitUntilVerifyingAsync(BackupApi api, string backupId) =>
        api.WaitForBackupAsync(backupId, b =>
            b.TryGetProperty("progress", out var progress) && progress.ValueKind == JsonValueKind.Object
            && progress.GetProperty("operation").GetString() == "verify");

    // Every job ever queued on the backup, oldest first, read from the server's database.
    private async Task<List<JobRecord>> JobsOnAsync(string backupId)
    {
        var id = long.Parse(backupId, System.Globalization.CultureInfo.InvariantCulture);
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VolumeBackupDbContext>().Jobs.AsNoTracking()
            .Where(j => j.BackupId == id).OrderBy(j => j.Id).ToListAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The shared backup server with jobs slowed to 2 MB/s and cancels seen within a second.</summary>
    public sealed class SlowJobsServerFixture : BackupServerFixture
    {
        protected override (string Key, string Value)[] ExtraSettings =>
        [
            ("VolumeBackup:Backups:MaxBytesPerSecond", "2000000"),
            ("VolumeBackup:Backups:HeartbeatInterval", "00:00:01"),
            ("VolumeBackup:Backups:ProgressInterval", "00:00:00.250"),
        ];
    }
}
