using VolumeBackup.DataPath;
using VolumeBackup.DataPath.Locks;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Filesystem;
using VolumeBackup.Persistence.Locks;
using VolumeBackup.Testing;
using VolumeBackup.Testing.Databases;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.ObjectStores;

namespace VolumeBackup.IntegrationTests.DataPath.Locks;

/// <summary>
/// A container whose listings leave out lock objects written in the last hour (<see cref="LaggingLockListingStore"/>: Swift
/// answering a PUT while its container server has the listing update queued). An incremental backup holds its lock and
/// is about to write its root, which refers to packs of the backup before it, when that earlier backup is deleted and
/// the container swept. With locks as objects the sweep does not see the backup's lock and deletes packs the new backup
/// needs: it lands, and fails to restore. With locks in the database the sweep sees the lock, defers, and the backup
/// restores exactly, whatever the listing shows.
/// </summary>
public sealed class ListingLagTests : IAsyncDisposable
{
    private const int VolumeBytes = 1 << 20;
    private static readonly TimeSpan WaitBound = TimeSpan.FromSeconds(30);
    private static readonly DataPathOptions Options = SmallDataPathOptions.Value;

    private readonly TempDataDirectory _dir = new("vb-listing-lag");
    private readonly BackupEngine _engine = new(Options, TimeProvider.System);
    private TestDatabase? _database;

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _dir.Dispose();
    }

    [Fact]
    public async Task With_object_store_locks_a_sweep_that_misses_a_running_backups_lock_deletes_what_the_backup_needs()
    {
        var (restored, sweep, omitted) = await RaceAsync(objects => new ObjectStoreLockStore(objects));

        Assert.True(omitted > 0, "the listing left out the backup's lock");
        Assert.False(sweep.Deferred);
        Assert.True(sweep.DeletedPacks > 0);
        var failure = Assert.IsType<DataPathException>(restored.Exception);
        TestContext.Current.SendDiagnosticMessage($"object-store locks under a lagging listing: {sweep.DeletedPacks} packs deleted, restore: {failure.Message}");
    }

    [Theory]
    [InlineData("sqlite", false)]
    [InlineData("postgres", false)]
    [InlineData("sqlite", true)]
    public async Task With_database_locks_the_sweep_defers_and_the_backup_restores_exactly(string database, bool mirrored)
    {
        _database = database == "postgres" ? await PostgresAsync() : await TestDatabase.CreateSqliteAsync();
        var contexts = _database.ContextFactory;

        var (restored, sweep, _) = await RaceAsync(objects =>
        {
            var rows = new DatabaseLockStore(contexts, "tenant-a", "c1");
            return mirrored ? new MirroredLockStore(rows, new ObjectStoreLockStore(objects)) : rows;
        });

        Assert.True(sweep.Deferred, "the sweep saw the backup's lock");
        Assert.Null(restored.Exception);
        Assert.True(restored.Matches, "b2 restores byte for byte");
    }

    private static async Task<TestDatabase> PostgresAsync()
    {
        await PostgresServer.RequireAsync();
        return await TestDatabase.CreatePostgresAsync("vb_listing_lag");
    }

    /// <summary>
    /// b1, then b2 (one block changed, the rest from b1's packs) held just before its root PUT while b1 is deleted and the
    /// container swept through a listing that lags; then b2 ends and is restored.
    /// </summary>
    private async Task<(Restored Restored, SweepResult Sweep, int Omitted)> RaceAsync(Func<IObjectStore, IContainerLockStore> locksOf)
    {
        var ct = TestContext.Current.CancellationToken;
        var container = new FilesystemObjectStoreProvider(Path.Combine(_dir.Path, "stores")).Open("tenant-a", "c1");
        var lagging = new LaggingLockListingStore(container, TimeSpan.FromHours(1));
        var engine = _engine.LockingIn(locksOf(lagging));
        var volume = VolumeFile.Create(Path.Combine(_dir.Path, "volume.raw"), VolumeBytes);
        volume.Write(0, VolumeFile.RandomBytes(VolumeBytes, 1));
        await BackUpAsync(engine, lagging, volume, "b1", null);
        volume.Write(0, VolumeFile.RandomBytes(SmallDataPathOptions.BlockSize, 2));
        var expected = volume.Sha256();

        var atRoot = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var proceed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new SteppedObjectStore(lagging)
        {
            Before = async (op, key) =>
            {
                if (op == "put" && key == ManifestKeys.RootOf("b2"))
                {
                    atRoot.TrySetResult();
                    await proceed.Task.WaitAsync(WaitBound);
                }
            },
        };
        var b2 = BackUpAsync(engine, held, volume, "b2", "b1");
        await atRoot.Task.WaitAsync(WaitBound, ct);

        var deleted = await engine.DeleteBackupAsync(lagging, "b1", ct);
        proceed.SetResult();
        await b2;

        var target = VolumeFile.Create(Path.Combine(_dir.Path, "target.raw"), VolumeBytes);
        try
        {
            using (var handle = target.Open(writable: true))
            {
                await engine.RestoreAsync(lagging, "b2", handle, null, ct);
            }

            return (new Restored(null, target.Sha256() == expected), deleted.Sweep, lagging.Omitted);
        }
        catch (DataPathException e)
        {
            return (new Restored(e, false), deleted.Sweep, lagging.Omitted);
        }
    }

    private static async Task BackUpAsync(BackupEngine engine, IObjectStore store, VolumeFile volume, string backupId, string? previous)
    {
        using var handle = volume.Open();
        await engine.BackupAsync(
            handle, store, new BackupDescriptor(backupId, "vol-1", null, null, DateTimeOffset.UtcNow, previous), null,
            TestContext.Current.CancellationToken);
    }

    private sealed record Restored(Exception? Exception, bool Matches);
}
