using System.Collections.Concurrent;
using VolumeBackup.DataPath;
using VolumeBackup.DataPath.Locks;
using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Filesystem;
using VolumeBackup.Persistence.Locks;
using VolumeBackup.Testing;
using VolumeBackup.Testing.Databases;
using VolumeBackup.Testing.DataPath;

namespace VolumeBackup.IntegrationTests.DataPath.Locks;

/// <summary>
/// Rounds of incremental backups of three volumes, restores of the last round's backups, deletes of older ones and extra
/// sweeps, all at once in one container through the engine, with its locks in each lock store: every restore gives the
/// bytes its backup read, and at the end every backup still there restores exactly.
/// </summary>
public sealed class SweepRaceTests : IAsyncDisposable
{
    private const int Volumes = 3;
    private const int Rounds = 6;
    private const int VolumeBytes = 1 << 20;

    private static readonly DataPathOptions Options = SmallDataPathOptions.Value with { LockPollInterval = TimeSpan.FromMilliseconds(20) };

    private readonly TempDataDirectory _dir = new("vb-sweep-race");
    private readonly BackupEngine _engine = new(Options, TimeProvider.System);
    private readonly ConcurrentDictionary<string, string> _contents = new(StringComparer.Ordinal);
    private TestDatabase? _database;
    private int _targets;

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _dir.Dispose();
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    [InlineData("objects")]
    public async Task Sweeps_racing_backups_and_restores_leave_every_backup_restorable(string locksIn)
    {
        var ct = TestContext.Current.CancellationToken;
        var objects = new FilesystemObjectStoreProvider(Path.Combine(_dir.Path, "stores")).Open("tenant-a", "c1");
        await objects.EnsureContainerAsync(ct);
        var engine = _engine.LockingIn(await LocksAsync(locksIn, objects));
        var volumes = Enumerable.Range(0, Volumes)
            .Select(v => VolumeFile.Create(Path.Combine(_dir.Path, $"volume-{v}.raw"), VolumeBytes))
            .ToArray();
        var sweeps = new ConcurrentBag<SweepResult>();

        for (var round = 0; round < Rounds; round++)
        {
            var work = new List<Task>();
            for (var v = 0; v < Volumes; v++)
            {
                work.Add(BackUpAsync(engine, objects, volumes[v], v, round));
            }

            for (var v = 0; round > 0 && v < Volumes; v++)
            {
                work.Add(RestoreAsync(engine, objects, Id(v, round - 1)));
            }

            for (var v = 0; round > 1 && v < Volumes; v++)
            {
                var old = Id(v, round - 2);
                work.Add(Task.Run(async () => sweeps.Add((await engine.DeleteBackupAsync(objects, old, ct)).Sweep), ct));
                _contents.TryRemove(old, out _);
            }

            work.Add(Task.Run(async () => sweeps.Add(await engine.SweepAsync(objects, ct)), ct));
            await Task.WhenAll(work);
        }

        var final = await engine.SweepAsync(objects, ct);
        Assert.False(final.Deferred);
        foreach (var backupId in _contents.Keys)
        {
            await RestoreAsync(engine, objects, backupId);
        }

        Assert.Equal(Volumes * 2, _contents.Count);
        sweeps.Add(final);
        Assert.True(sweeps.Sum(s => s.DeletedPacks + s.DeletedSegments) > 0, "the deletes' garbage was swept");
        TestContext.Current.SendDiagnosticMessage(
            $"{locksIn}: {sweeps.Count} sweeps, {sweeps.Count(s => s.Deferred)} deferred, {sweeps.Sum(s => s.DeletedPacks)} packs deleted");
    }

    private async Task<IContainerLockStore> LocksAsync(string locksIn, IObjectStore objects)
    {
        if (locksIn == "objects")
        {
            return new ObjectStoreLockStore(objects);
        }

        if (locksIn == "postgres")
        {
            await PostgresServer.RequireAsync();
            _database = await TestDatabase.CreatePostgresAsync("vb_sweep_race");
        }
        else
        {
            _database = await TestDatabase.CreateSqliteAsync();
        }

        return new DatabaseLockStore(_database.ContextFactory, "tenant-a", "c1");
    }

    private static string Id(int volume, int round) => $"v{volume}-r{round}";

    /// <summary>A quarter of the volume changes each round, so each backup refers to packs of earlier ones.</summary>
    private async Task BackUpAsync(BackupEngine engine, IObjectStore objects, VolumeFile volume, int v, int round)
    {
        var quarter = VolumeBytes / 4;
        volume.Write(round % 4 * quarter, VolumeFile.RandomBytes(quarter, (v * 100) + round + 1));
        var expected = volume.Sha256();
        using (var handle = volume.Open())
        {
            await engine.BackupAsync(
                handle, objects, new BackupDescriptor(Id(v, round), $"vol-{v}", null, null, DateTimeOffset.UtcNow, round > 0 ? Id(v, round - 1) : null),
                null, TestContext.Current.CancellationToken);
        }

        _contents[Id(v, round)] = expected;
    }

    private async Task RestoreAsync(BackupEngine engine, IObjectStore objects, string backupId)
    {
        var target = VolumeFile.Create(Path.Combine(_dir.Path, $"target-{Interlocked.Increment(ref _targets)}.raw"), VolumeBytes);
        using (var handle = target.Open(writable: true))
        {
            await engine.RestoreAsync(objects, backupId, handle, null, TestContext.Current.CancellationToken);
        }

        Assert.Equal(_contents[backupId], target.Sha256());
        File.Delete(target.Path);
    }
}
