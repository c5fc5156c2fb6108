using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using VolumeBackup.DataPath.Manifests;
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
using VolumeBackup.Testing.ObjectStores;
using VolumeBackup.Volumes;

namespace VolumeBackup.IntegrationTests.Backups.Cancel;

/// <summary>
/// A cancel that reaches a backup while its root is on its way to the store, the last moment it can: the root's PUT is
/// held until the job's token shows the worker has seen the cancel, then released, either landing whatever the token
/// says (a store that finishes a PUT it has begun) or running with the cancelled token. Either ending is allowed, but
/// it must be whole: a cancelled backup (error, "The backup was cancelled.") leaves no root, segment or pack behind; an
/// available one has its root and restores byte for byte. The volume is available again and no job is left unfinished;
/// the backup's job row ends <c>cancelled</c> (not <c>failed</c>) or <c>done</c> to match.
/// </summary>
public sealed class CancelAtRootTests(ITestOutputHelper output)
{
    private const string Tenant = "cancels";
    private const string Container = "c";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_cancel_that_meets_the_root_on_its_way_ends_whole_either_way(bool rootLandsAnyway)
    {
        using var directory = new TempDataDirectory("vb-cancel-root");
        var objects = new DataDirectory(directory.Path).Objects;
        var rootHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelSeen = false;
        var provider = new HookedStoreProvider(new FilesystemObjectStoreProvider(objects), async (key, ct) =>
        {
            if (!ManifestKeys.TryGetBackupId(key, out _))
            {
                return ct;
            }

            rootHeld.TrySetResult();
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), ct); // until the worker's heartbeat reads the cancel
            }
            catch (OperationCanceledException)
            {
                cancelSeen = true;
            }

            return rootLandsAnyway ? CancellationToken.None : ct;
        });
        using var host = await StartAsync(directory.Path, provider);

        var volumeId = await CreateVolumeAsync(host, seed: 91);
        var source = Sha256(host, volumeId);
        var backupId = await BackUpAsync(host, volumeId);
        await rootHeld.Task.WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var operation = await scope.ServiceProvider.GetRequiredService<BackupCancelService>()
                .CancelAsync(Tenant, backupId, backupId.ToString(CultureInfo.InvariantCulture), CancellationToken.None);
            Assert.Equal("create", operation);
        }

        var backup = await WaitForEndAsync(host, backupId);
        output.WriteLine($"root lands anyway: {rootLandsAnyway}; ended {backup.Status} ({backup.FailReason})");
        Assert.True(cancelSeen, "The worker never cancelled the job while its root was held.");
        Assert.Equal(VolumeStatus.Available, (await VolumeAsync(host, volumeId)).Status);
        var keys = await ListAsync(provider);
        var createJob = await CreateJobAsync(host, backupId);
        if (backup.Status == BackupStatus.Error)
        {
            Assert.Equal(BackupCancellation.BackupCancelled, backup.FailReason);
            Assert.Equal((JobState.Cancelled, BackupCancellation.BackupCancelled), (createJob.State, createJob.LastError));
            Assert.DoesNotContain(keys, k => k.StartsWith("backups/", StringComparison.Ordinal)
                || k.StartsWith("packs/", StringComparison.Ordinal) || k.StartsWith("segments/", StringComparison.Ordinal));
        }
        else
        {
            Assert.Equal(BackupStatus.Available, backup.Status);
            Assert.Equal(JobState.Done, createJob.State);
            Assert.Contains(ManifestKeys.RootOf(backupId.ToString(CultureInfo.InvariantCulture)), keys);
            var targetId = await RestoreAsync(host, backupId);
            Assert.Equal(BackupStatus.Available, (await WaitForEndAsync(host, backupId)).Status);
            Assert.Equal(source, Sha256(host, targetId));
        }
    }

    private static async Task<IHost> StartAsync(string dataDirectory, IObjectStoreProvider provider)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VolumeBackup:DataDirectory"] = dataDirectory,
            ["VolumeBackup:NodeHost"] = "test-node",
            ["VolumeBackup:Backups:PollInterval"] = "00:00:00.200",
            ["VolumeBackup:Backups:HeartbeatInterval"] = "00:00:01",
            ["VolumeBackup:Backups:ProgressInterval"] = "00:00:00.250",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Services.AddVolumeBackup(builder.Configuration);
        builder.Services.Replace(ServiceDescriptor.Singleton(provider));
        var host = builder.Build();
        await host.StartAsync();
        return new StoppingHost(host);
    }

    private static async Task<long> CreateVolumeAsync(IHost host, int seed)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var volume = await scope.ServiceProvider.GetRequiredService<VolumeService>()
            .CreateAsync(Tenant, null, new NewVolume(1, null, null, null, []), CancellationToken.None);
        new VolumeFile(PathOf(host, volume.Id)).Write(0, VolumeFile.RandomBytes(12 << 20, seed));
        return volume.Id;
    }

    private static async Task<long> BackUpAsync(IHost host, long volumeId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<BackupService>()
            .CreateAsync(Tenant, null, new NewBackup(volumeId, null, null, Container), CancellationToken.None)).Id;
    }

    private static async Task<long> RestoreAsync(IHost host, long backupId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<BackupService>().RestoreAsync(Tenant, backupId, null, CancellationToken.None)).Id;
    }

    /// <summary>Waits until no job on the backup is unfinished and its status is not transitional; returns the backup.</summary>
    private static async Task<Backup> WaitForEndAsync(IHost host, long backupId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VolumeBackupDbContext>();
            var unfinished = db.Jobs.Count(j => j.BackupId == backupId && (j.State == JobState.Queued || j.State == JobState.Running));
            var backup = (await scope.ServiceProvider.GetRequiredService<BackupStore>().FindByIdAsync(backupId, CancellationToken.None))!;
            if (unfinished == 0 && backup.Status is not (BackupStatus.Creating or BackupStatus.Restoring))
            {
                return backup;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Backup {backupId} stayed {backup.Status} with {unfinished} unfinished jobs.");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    private static async Task<JobRecord> CreateJobAsync(IHost host, long backupId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<VolumeBackupDbContext>().Jobs
            .Single(j => j.BackupId == backupId && j.Kind == JobKind.CreateBackup);
    }

    private static async Task<Volume> VolumeAsync(IHost host, long volumeId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<VolumeStore>().FindAsync(Tenant, volumeId, CancellationToken.None))!;
    }

    private static async Task<List<string>> ListAsync(IObjectStoreProvider provider)
    {
        var keys = new List<string>();
        await foreach (var info in provider.Open(Tenant, Container).ListAsync("", CancellationToken.None))
        {
            keys.Add(info.Key);
        }

        return keys;
    }

    private static string Sha256(IHost host, long volumeId)
    {
        using var stream = File.OpenRead(PathOf(host, volumeId));
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string PathOf(IHost host, long volumeId) =>
        host.Services.GetRequiredService<IVolumeDriver>().GetDevicePath(volumeId.ToString(CultureInfo.InvariantCulture));

    /// <summary>The real filesystem stores, each PUT passing through <paramref name="beforePut"/> first.</summary>
    private sealed class HookedStoreProvider(IObjectStoreProvider inner, Func<string, CancellationToken, Task<CancellationToken>> beforePut)
        : IObjectStoreProvider
    {
        public IObjectStore Open(string tenantId, string container) =>
            new FaultyObjectStore(inner.Open(tenantId, container)) { BeforePut = beforePut };

        public IObjectStore Open(string tenantId, string container, IStoreCredentials credentials) =>
            new FaultyObjectStore(inner.Open(tenantId, container, credentials)) { BeforePut = beforePut };
    }

    /// <summary>Stops the host before disposing of it, and lets go of SQLite's pooled connections to the data directory.</summary>
    private sealed class StoppingHost(IHost inner) : IHost
    {
        public IServiceProvider Services => inner.Services;

        public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken = default) => inner.StopAsync(cancellationToken);

        public void Dispose()
        {
            inner.StopAsync().GetAwaiter().GetResult();
            inner.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }
}
