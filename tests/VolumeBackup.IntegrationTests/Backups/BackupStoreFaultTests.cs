using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Filesystem;
using VolumeBackup.Persistence;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Operations.Backups;
using VolumeBackup.Server.Operations.Volumes;
using VolumeBackup.Testing;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Volumes;

namespace VolumeBackup.IntegrationTests.Backups;

/// <summary>
/// The service's real workers against an object store that fails on purpose: a transient failure is retried on a
/// later attempt; a permanent one, or transient ones past the last attempt, end the backup in error with a reason.
/// </summary>
public sealed class BackupStoreFaultTests
{
    [Fact]
    public async Task A_transient_store_failure_is_retried_and_the_backup_completes()
    {
        await using var node = await FaultyNode.StartAsync(maxAttempts: 3, failingPuts: 1, transient: true);

        var (backup, volume, job) = await node.BackUpAsync();

        Assert.Equal(BackupStatus.Available, backup.Status);
        Assert.Equal(VolumeStatus.Available, volume.Status);
        Assert.Equal(1, job.Attempts); // waited out in the same claim, not handed back
    }

    [Fact]
    public async Task A_permanent_store_failure_ends_the_backup_in_error_at_once()
    {
        await using var node = await FaultyNode.StartAsync(maxAttempts: 3, failingPuts: 1, transient: false);

        var (backup, volume, job) = await node.BackUpAsync();

        Assert.Equal(BackupStatus.Error, backup.Status);
        Assert.Equal("The backup failed: the object store refused the request.", backup.FailReason);
        Assert.Equal(VolumeStatus.Available, volume.Status);
        Assert.Equal((JobState.Failed, 1), (job.State, job.Attempts));
    }

    [Fact]
    public async Task Transient_failures_past_the_outage_budget_end_the_backup_in_error()
    {
        await using var node = await FaultyNode.StartAsync(maxAttempts: 2, failingPuts: 1000, transient: true);

        var (backup, volume, job) = await node.BackUpAsync();

        Assert.Equal(BackupStatus.Error, backup.Status);
        Assert.Equal("The backup failed: the object store was unavailable for longer than 3 seconds. Try again later.", backup.FailReason);
        Assert.Equal(VolumeStatus.Available, volume.Status);
        Assert.Equal((JobState.Failed, 1), (job.State, job.Attempts));
    }

    private sealed class FaultyNode(IHost host, TempDataDirectory directory) : IAsyncDisposable
    {
        public static async Task<FaultyNode> StartAsync(int maxAttempts, int failingPuts, bool transient)
        {
            var directory = new TempDataDirectory("vb-faults");
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["VolumeBackup:DataDirectory"] = directory.Path,
                ["VolumeBackup:NodeHost"] = "test-node",
                ["VolumeBackup:Backups:PollInterval"] = "00:00:00.200",
                ["VolumeBackup:Backups:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["VolumeBackup:Backups:StoreOutageBudget"] = "00:00:03",
                ["Logging:LogLevel:Default"] = "Warning",
            });
            builder.Services.AddVolumeBackup(builder.Configuration);
            var data = new DataDirectory(directory.Path);
            builder.Services.Replace(ServiceDescriptor.Singleton<IObjectStoreProvider>(
                new FlakyObjectStoreProvider(new FilesystemObjectStoreProvider(data.Objects)) { FailingPuts = failingPuts, Transient = transient }));
            var host = builder.Build();
            await host.StartAsync();
            return new FaultyNode(host, directory);
        }

        /// <summary>Backs up a new volume with some data through the service; returns the rows once the job has ended.</summary>
        public async Task<(Backup Backup, Volume Volume, JobRecord Job)> BackUpAsync()
        {
            long backupId;
            long volumeId;
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var volume = await scope.ServiceProvider.GetRequiredService<VolumeService>()
                    .CreateAsync("faults", null, new NewVolume(1, null, null, null, []), CancellationToken.None);
                volumeId = volume.Id;
                var driver = host.Services.GetRequiredService<IVolumeDriver>();
                var path = driver.GetDevicePath(volumeId.ToString(System.Globalization.CultureInfo.InvariantCulture));
                new VolumeFile(path).Write(0, VolumeFile.RandomBytes(1 << 20, seed: 51));
                var backup = await scope.ServiceProvider.GetRequiredService<BackupService>()
                    .CreateAsync("faults", null, new NewBackup(volumeId, null, null, "faulty"), CancellationToken.None);
                backupId = backup.Id;
            }

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
            while (true)
            {
                await using var scope = host.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<VolumeBackupDbContext>();
                var job = db.Jobs.Single(j => j.BackupId == backupId);
                if (job.State is JobState.Done or JobState.Failed)
                {
                    var backup = (await scope.ServiceProvider.GetRequiredService<BackupStore>().FindByIdAsync(backupId, CancellationToken.None))!;
                    var volume = (await scope.ServiceProvider.GetRequiredService<VolumeStore>().FindAsync("faults", volumeId, CancellationToken.None))!;
                    return (backup, volume, job);
                }

                Assert.True(DateTime.UtcNow < deadline, $"The job stayed {job.State}.");
                await Task.Delay(100);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Dispose();
        }
    }
}
