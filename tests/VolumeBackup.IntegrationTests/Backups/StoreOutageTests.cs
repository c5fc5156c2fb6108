using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Decorators;
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
/// The service's real workers, the real retrying decorator and the real filesystem store, with an injected store outage
/// in between: an outage shorter than the budget delays a backup or a restore, which then completes byte-exactly; a
/// longer one fails the job with a plain reason, and a failed restore leaves the backup restorable unless its data is damaged.
/// </summary>
public sealed class StoreOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_backup_waits_out_a_30_s_store_outage_and_restores_byte_exactly()
    {
        await using var node = await OutageNode.StartAsync(budget: TimeSpan.FromMinutes(2));
        var volumeId = await node.CreateVolumeWithDataAsync(seed: 61);
        node.Store.Arm("put", atCall: 2, Outage);
        var watch = Stopwatch.StartNew();

        var backupId = await node.BackUpAsync(volumeId);
        var (backup, job) = await node.WaitForJobAsync(backupId, JobKind.CreateBackup);

        output.WriteLine($"backup took {watch.Elapsed.TotalSeconds:0.0} s, {node.Store.Failures} calls failed in the outage");
        Assert.NotNull(node.Store.StartedAt);
        Assert.True(node.Store.Failures > 0);
        Assert.Equal((BackupStatus.Available, JobState.Done, 1), (backup.Status, job.State, job.Attempts));
        Assert.True(watch.Elapsed >= Outage, "The backup finished before the outage ended.");
        var restoredId = await node.RestoreAsync(backupId);
        await node.WaitForJobAsync(backupId, JobKind.RestoreBackup);
        Assert.Equal(VolumeStatus.Available, (await node.VolumeAsync(restoredId)).Status);
        Assert.Equal(node.Sha256(volumeId), node.Sha256(restoredId));
    }

    [Fact]
    public async Task A_restore_waits_out_a_30_s_store_outage_and_completes_byte_exactly()
    {
        await using var node = await OutageNode.StartAsync(budget: TimeSpan.FromMinutes(2));
        var volumeId = await node.CreateVolumeWithDataAsync(seed: 62);
        var backupId = await node.BackUpAsync(volumeId);
        Assert.Equal(BackupStatus.Available, (await node.WaitForJobAsync(backupId, JobKind.CreateBackup)).Backup.Status);
        node.Store.Arm("range", atCall: 2, Outage);
        var watch = Stopwatch.StartNew();

        var restoredId = await node.RestoreAsync(backupId);
        var (backup, job) = await node.WaitForJobAsync(backupId, JobKind.RestoreBackup);

        output.WriteLine($"restore took {watch.Elapsed.TotalSeconds:0.0} s, {node.Store.Failures} calls failed in the outage");
        Assert.True(node.Store.Failures > 0);
        Assert.Equal((BackupStatus.Available, JobState.Done), (backup.Status, job.State));
        Assert.Equal(VolumeStatus.Available, (await node.VolumeAsync(restoredId)).Status);
        Assert.True(watch.Elapsed >= Outage, "The restore finished before the outage ended.");
        Assert.Equal(node.Sha256(volumeId), node.Sha256(restoredId));
    }

    [Fact]
    public async Task A_backup_fails_with_a_plain_reason_once_the_outage_outlasts_the_budget()
    {
        await using var node = await OutageNode.StartAsync(budget: TimeSpan.FromSeconds(3));
        var volumeId = await node.CreateVolumeWithDataAsync(seed: 63);
        node.Store.Arm("put", atCall: 1, TimeSpan.FromDays(1));

        var backupId = await node.BackUpAsync(volumeId);
        var (backup, job) = await node.WaitForJobAsync(backupId, JobKind.CreateBackup);

        Assert.Equal((BackupStatus.Error, JobState.Failed), (backup.Status, job.State));
        Assert.Equal("The backup failed: the object store was unavailable for longer than 3 seconds. Try again later.", backup.FailReason);
        Assert.Equal(VolumeStatus.Available, (await node.VolumeAsync(volumeId)).Status);
    }

    [Fact]
    public async Task A_restore_failed_by_an_outage_leaves_the_backup_available_and_restorable()
    {
        await using var node = await OutageNode.StartAsync(budget: TimeSpan.FromSeconds(3));
        var volumeId = await node.CreateVolumeWithDataAsync(seed: 64);
        var backupId = await node.BackUpAsync(volumeId);
        await node.WaitForJobAsync(backupId, JobKind.CreateBackup);
        node.Store.Arm("range", atCall: 1, TimeSpan.FromDays(1));

        var failedTarget = await node.RestoreAsync(backupId);
        var (backup, job) = await node.WaitForJobAsync(backupId, JobKind.RestoreBackup);

        Assert.Equal((BackupStatus.Available, JobState.Failed), (backup.Status, job.State));
        var target = await node.VolumeAsync(failedTarget);
        Assert.Equal(VolumeStatus.ErrorRestoring, target.Status);
        Assert.Equal("The restore failed: the object store was unavailable for longer than 3 seconds. Try again later.", job.LastError);
        AssertOneSentenceForUsers(job.LastError!);

        node.Store.EndOutage();
        var restoredId = await node.RestoreAsync(backupId); // accepted: the backup is still available
        await node.WaitForJobAsync(backupId, JobKind.RestoreBackup);
        Assert.Equal(node.Sha256(volumeId), node.Sha256(restoredId));
    }

    [Fact]
    public async Task A_restore_that_finds_a_pack_missing_marks_the_backup_error_with_one_plain_sentence()
    {
        await using var node = await OutageNode.StartAsync(budget: TimeSpan.FromSeconds(3));
        var volumeId = await node.CreateVolumeWithDataAsync(seed: 65);
        var backupId = await node.BackUpAsync(volumeId);
        await node.WaitForJobAsync(backupId, JobKind.CreateBackup);
        var packs = Directory.GetFiles(Path.Combine(node.ObjectsRoot, "outages", "c"), "*", SearchOption.AllDirectories)
            .Where(f => f.Contains($"{Path.DirectorySeparatorChar}packs{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !Path.GetFileName(f).StartsWith('.'))
            .ToList();
        File.Delete(packs[0]);

        var targetId = await node.RestoreAsync(backupId);
        var (backup, _) = await node.WaitForJobAsync(backupId, JobKind.RestoreBackup);

        Assert.Equal(BackupStatus.Error, backup.Status);
        Assert.Equal("The restore failed: the backup's data in the object store is damaged or incomplete.", backup.FailReason);
        AssertOneSentenceForUsers(backup.FailReason!);
        Assert.Equal(VolumeStatus.ErrorRestoring, (await node.VolumeAsync(targetId)).Status);
    }

    /// <summary>No object key, byte range, address or path: those are for the log.</summary>
    private static void AssertOneSentenceForUsers(string reason)
    {
        Assert.DoesNotContain("packs", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("/", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("bytes", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.9", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("Block", reason, StringComparison.Ordinal);
    }

    private sealed class OutageNode(IHost host, TempDataDirectory directory, OutageObjectStoreProvider store) : IAsyncDisposable
    {
        private const string Tenant = "outages";

        public OutageObjectStoreProvider Store => store;

        public string ObjectsRoot => new DataDirectory(directory.Path).Objects;

        public static async Task<OutageNode> StartAsync(TimeSpan budget)
        {
            var directory = new TempDataDirectory("vb-outage");
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["VolumeBackup:DataDirectory"] = directory.Path,
                ["VolumeBackup:NodeHost"] = "test-node",
                ["VolumeBackup:Backups:PollInterval"] = "00:00:00.200",
                ["VolumeBackup:Backups:StoreOutageBudget"] = budget.ToString("c", CultureInfo.InvariantCulture),
                ["Logging:LogLevel:Default"] = "Warning",
            });
            builder.Services.AddVolumeBackup(builder.Configuration);
            var data = new DataDirectory(directory.Path);
            var store = new OutageObjectStoreProvider(new FilesystemObjectStoreProvider(data.Objects));

            // The store's own retries as configured in production, only faster: they give up within a second.
            var retries = new RetryOptions { MaxRetryAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(200) };
            builder.Services.Replace(ServiceDescriptor.Singleton<IObjectStoreProvider>(new RetryingObjectStoreProvider(store, retries)));
            var host = builder.Build();
            await host.StartAsync();
            return new OutageNode(host, directory, store);
        }

        /// <summary>A 1 GiB volume holding 24 MiB of random data at its start and 4 MiB in the middle.</summary>
        public async Task<long> CreateVolumeWithDataAsync(int seed)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var volume = await scope.ServiceProvider.GetRequiredService<VolumeService>()
                .CreateAsync(Tenant, null, new NewVolume(1, null, null, null, []), CancellationToken.None);
            var file = new VolumeFile(PathOf(volume.Id));
            file.Write(0, VolumeFile.RandomBytes(24 << 20, seed));
            file.Write(512L << 20, VolumeFile.RandomBytes(4 << 20, seed + 1000));
            return volume.Id;
        }

        public async Task<long> BackUpAsync(long volumeId)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var backup = await scope.ServiceProvider.GetRequiredService<BackupService>()
                .CreateAsync(Tenant, null, new NewBackup(volumeId, null, null, "c"), CancellationToken.None);
            return backup.Id;
        }

        public async Task<long> RestoreAsync(long backupId)
        {
            await using var scope = host.Services.CreateAsyncScope();
            return (await scope.ServiceProvider.GetRequiredService<BackupService>().RestoreAsync(Tenant, backupId, null, CancellationToken.None)).Id;
        }

        /// <summary>Waits for the backup's latest job of <paramref name="kind"/> to end; returns it with the backup.</summary>
        public async Task<(Backup Backup, JobRecord Job)> WaitForJobAsync(long backupId, string kind)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
            while (true)
            {
                await using var scope = host.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<VolumeBackupDbContext>();
                var job = db.Jobs.Where(j => j.BackupId == backupId && j.Kind == kind).OrderByDescending(j => j.Id).First();
                if (job.State is JobState.Done or JobState.Failed)
                {
                    var backup = (await scope.ServiceProvider.GetRequiredService<BackupStore>().FindByIdAsync(backupId, CancellationToken.None))!;
                    if (backup.Status is not (BackupStatus.Creating or BackupStatus.Restoring))
                    {
                        return (backup, job);
                    }
                }

                Assert.True(DateTime.UtcNow < deadline, $"The {kind} job stayed {job.State}.");
                await Task.Delay(200);
            }
        }

        public async Task<Volume> VolumeAsync(long volumeId)
        {
            await using var scope = host.Services.CreateAsyncScope();
            return (await scope.ServiceProvider.GetRequiredService<VolumeStore>().FindAsync(Tenant, volumeId, CancellationToken.None))!;
        }

        public string Sha256(long volumeId)
        {
            using var stream = File.OpenRead(PathOf(volumeId));
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Dispose();
        }

        private string PathOf(long volumeId) =>
            host.Services.GetRequiredService<IVolumeDriver>().GetDevicePath(volumeId.ToString(CultureInfo.InvariantCulture));
    }
}
