using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Persistence;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Testing;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Backups;

/// <summary>
/// Jobs slowed by the bandwidth limit (2 MB/s), so a test sees them mid-flight: the progress field and the volume's
/// lock while they run, and a graceful shutdown handing the job back to be resumed after the restart.
/// </summary>
public sealed class BackupProgressTests
{
    private const long OneGiB = 1L << 30;

    [Fact]
    public async Task While_a_backup_and_a_restore_run_show_reports_their_progress_and_the_volume_is_locked()
    {
        await using var server = await TestServer.StartAsync(RecoveryServers.Settings(workers: 2, maxBytesPerSecond: 2_000_000));
        var api = new BackupApi(server.CreateClient(server.Tokens.Admin), BackupApi.NewTenant());
        var volumeId = await api.CreateVolumeAsync(1);
        new VolumeFile(await api.DevicePathAsync(volumeId)).Write(0, VolumeFile.RandomBytes(3 << 20, seed: 21));

        var backupId = await api.CreateBackupAsync(volumeId);
        var running = await api.ShowAsync(backupId);
        await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.BackingUp, TimeSpan.Zero);

        AssertProgress(running, "create");
        var done = await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        Assert.False(done.TryGetProperty("progress", out _));

        var targetId = await api.RestoreAsync(backupId);
        var restoring = await api.ShowAsync(backupId);
        Assert.Equal(BackupStatus.Restoring, restoring.GetProperty("status").GetString());
        AssertProgress(restoring, "restore");
        Assert.Equal(VolumeStatus.RestoringBackup, (await api.VolumeAsync(targetId)).GetProperty("status").GetString());
        await api.WaitForVolumeStatusAsync(targetId, VolumeStatus.Available);
        Assert.False((await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available)).TryGetProperty("progress", out _));
    }

    [Fact]
    public async Task A_graceful_shutdown_hands_a_running_backup_back_and_the_restarted_node_finishes_it()
    {
        using var directory = new TempDataDirectory("vb-shutdown");
        var settings = RecoveryServers.Settings(workers: 1, maxBytesPerSecond: 2_000_000);
        await using var server = await TestServer.StartAsync(settings, directory.Path);
        var api = new BackupApi(server.CreateClient(server.Tokens.Admin), BackupApi.NewTenant());
        var volumeId = await api.CreateVolumeAsync(1);
        var volume = new VolumeFile(await api.DevicePathAsync(volumeId));
        volume.Write(0, VolumeFile.RandomBytes(6 << 20, seed: 22)); // about three seconds at 2 MB/s
        var expected = volume.Sha256();
        var backupId = await api.CreateBackupAsync(volumeId);
        await WaitForJobStateAsync(server, JobState.Running);

        await server.RestartAsync();

        api = new BackupApi(server.CreateClient(server.Tokens.Admin), api.Tenant);
        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        var job = await WaitForJobStateAsync(server, JobState.Done);
        Assert.Equal(1, job.Attempts); // the interrupted attempt was given back, not counted
        var restoredId = await api.RestoreAsync(backupId);
        await api.WaitForVolumeStatusAsync(restoredId, VolumeStatus.Available);
        Assert.Equal(expected, new VolumeFile(await api.DevicePathAsync(restoredId)).Sha256());
    }

    private static void AssertProgress(System.Text.Json.JsonElement backup, string operation)
    {
        var progress = backup.GetProperty("progress");
        Assert.Equal(operation, progress.GetProperty("operation").GetString());
        Assert.Equal(OneGiB, progress.GetProperty("bytes_total").GetInt64());
        Assert.InRange(progress.GetProperty("bytes_done").GetInt64(), 0, OneGiB);
        Assert.InRange(progress.GetProperty("percent").GetDouble(), 0, 100);
    }

    private static async Task<JobRecord> WaitForJobStateAsync(TestServer server, string state)
    {
        var deadline = DateTime.UtcNow + BackupApi.JobTimeout;
        while (true)
        {
            await using (var scope = server.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<VolumeBackupDbContext>();
                var job = db.Jobs.OrderBy(j => j.Id).First();
                if (job.State == state)
                {
                    return job;
                }

                Assert.True(DateTime.UtcNow < deadline, $"The job stayed {job.State}");
            }

            await Task.Delay(50);
        }
    }
}
