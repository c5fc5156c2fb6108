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
/// A worker that dies holding a job: its lease runs out, and the job is resumed by another worker (attempts left) or
/// ended with the backup in error and the volume unlocked. Each test queues a job on a node without workers, claims it
/// as a worker that never heartbeats, then starts a node with workers on the same database.
/// </summary>
public abstract class BackupRecoveryContract
{
    /// <summary>The database both nodes of a test share: provider and connection string (null = SQLite in the data directory).</summary>
    protected abstract Task<(DatabaseProvider Provider, string? ConnectionString)> CreateDatabaseAsync();

    protected virtual Task DropDatabaseAsync(string? connectionString) => Task.CompletedTask;

    [Fact]
    public async Task A_backup_whose_worker_died_is_resumed_by_another_worker_and_completes()
    {
        await WithNodesAsync(maxAttempts: 3, async (first, startSecond) =>
        {
            var api = Api(first);
            var volumeId = await api.CreateVolumeAsync(1);
            new VolumeFile(await api.DevicePathAsync(volumeId)).Write(0, VolumeFile.RandomBytes(1 << 20, seed: 11));
            var backupId = await api.CreateBackupAsync(volumeId);
            var job = await RecoveryServers.ClaimAsDeadWorkerAsync(first);

            var second = await startSecond();
            var resumed = Api(second, api.Tenant);

            var backup = await resumed.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
            Assert.True(backup.GetProperty("object_count").GetInt32() > 0);
            await resumed.WaitForVolumeStatusAsync(volumeId, VolumeStatus.Available);
            var finished = await RecoveryServers.JobAsync(second, job.Id);
            Assert.Equal(JobState.Done, finished.State);
            Assert.Equal(2, finished.Attempts);
        });
    }

    [Fact]
    public async Task A_backup_whose_worker_died_on_its_last_attempt_ends_in_error_with_a_reason_and_unlocks_the_volume()
    {
        await WithNodesAsync(maxAttempts: 1, async (first, startSecond) =>
        {
            var api = Api(first);
            var volumeId = await api.CreateVolumeAsync(1);
            var backupId = await api.CreateBackupAsync(volumeId);
            await RecoveryServers.ClaimAsDeadWorkerAsync(first);

            var second = await startSecond();
            var after = Api(second, api.Tenant);

            var backup = await after.WaitForBackupStatusAsync(backupId, BackupStatus.Error);
            Assert.Equal("The backup did not finish: its worker stopped responding (1 attempts). Start it again.",
                backup.GetProperty("fail_reason").GetString());
            await after.WaitForVolumeStatusAsync(volumeId, VolumeStatus.Available);
        });
    }

    [Fact]
    public async Task A_restore_whose_worker_died_on_its_last_attempt_leaves_the_backup_available_and_the_volume_error_restoring()
    {
        await WithNodesAsync(maxAttempts: 1, async (first, startSecond) =>
        {
            var api = Api(first);
            var volumeId = await api.CreateVolumeAsync(1);
            var backupId = await BackupArrange.AddBackupAsync(first, api.Tenant, volumeId, BackupStatus.Available);
            await api.RestoreAsync(backupId, volumeId);
            await RecoveryServers.ClaimAsDeadWorkerAsync(first);

            var second = await startSecond();
            var after = Api(second, api.Tenant);

            // A dead worker is no damage to the backup: only the target volume is marked, the backup stays restorable.
            await after.WaitForVolumeStatusAsync(volumeId, VolumeStatus.ErrorRestoring);
            await after.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        });
    }

    [Fact]
    public async Task A_delete_whose_worker_died_on_its_last_attempt_ends_in_error_and_can_be_deleted_again()
    {
        await WithNodesAsync(maxAttempts: 1, async (first, startSecond) =>
        {
            var api = Api(first);
            var volumeId = await api.CreateVolumeAsync(1);
            var backupId = await BackupArrange.AddBackupAsync(first, api.Tenant, volumeId, BackupStatus.Available);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, (await api.DeleteBackupAsync(backupId)).StatusCode);
            await RecoveryServers.ClaimAsDeadWorkerAsync(first);

            var second = await startSecond();
            var after = Api(second, api.Tenant);

            var backup = await after.WaitForBackupStatusAsync(backupId, BackupStatus.Error);
            Assert.StartsWith("The delete did not finish", backup.GetProperty("fail_reason").GetString(), StringComparison.Ordinal);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, (await after.DeleteBackupAsync(backupId)).StatusCode);
            await after.WaitUntilGoneAsync(backupId);
        });
    }

    private static BackupApi Api(TestServer server, string? tenant = null) =>
        new(server.CreateClient(server.Tokens.Admin), tenant ?? BackupApi.NewTenant());

    // The first node has no workers, so the job waits for the "dead" claim; the second node recovers it.
    private async Task WithNodesAsync(int maxAttempts, Func<TestServer, Func<Task<TestServer>>, Task> test)
    {
        var (provider, connectionString) = await CreateDatabaseAsync();
        using var directory = new TempDataDirectory("vb-recovery");
        TestServer? second = null;
        try
        {
            await using (var first = await TestServer.StartAsync(
                RecoveryServers.Settings(workers: 0, maxAttempts, provider, connectionString), directory.Path))
            {
                await test(first, async () =>
                {
                    await first.StopAsync();
                    second = await TestServer.StartAsync(
                        RecoveryServers.Settings(workers: 2, maxAttempts, provider, connectionString), directory.Path);
                    return second;
                });
            }
        }
        finally
        {
            if (second is not null)
            {
                await second.DisposeAsync();
            }

            await DropDatabaseAsync(connectionString);
        }
    }
}
