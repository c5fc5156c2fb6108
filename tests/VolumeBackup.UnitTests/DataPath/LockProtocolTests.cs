using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using VolumeBackup.DataPath;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.DataPath.Pipelines;
using VolumeBackup.Testing.DataPath;

namespace VolumeBackup.UnitTests.DataPath;

/// <summary>Restores and deletes against sweeps that compact: the interleavings ContainerLocks argues are safe.</summary>
public sealed class LockProtocolTests : IDisposable
{
    private static readonly TimeSpan WaitBound = TimeSpan.FromSeconds(10);
    private readonly DataPathFixture _fx = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly BackupEngine _engine;

    public LockProtocolTests() => _engine = new BackupEngine(CompactionScenario.Options(), _time);

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task A_restore_running_while_a_delete_and_sweep_happen_completes_exactly_and_a_later_sweep_runs_fully()
    {
        var ct = TestContext.Current.CancellationToken;
        var scenario = await CompactionScenario.CreateAsync(_fx, _engine);
        var (restoreStore, reading, proceed) = HoldFirstRangedGet();
        var target = _fx.NewVolume(CompactionScenario.VolumeBytes);
        var restore = RestoreAsync(restoreStore, "b2", target);
        await reading.Task.WaitAsync(WaitBound, ct); // its lock is written and it has read its root and first segment

        var deleted = await _engine.DeleteBackupAsync(_fx.Store, "b1", ct);

        Assert.True(deleted.RootDeleted);
        Assert.True(deleted.Sweep.Deferred);
        Assert.Equal(scenario.PacksOfB1, _fx.Keys("packs").Intersect(scenario.PacksOfB1));
        proceed.SetResult();
        await restore;
        Assert.Equal(scenario.Contents["b2"], target.Sha256());
        Assert.Empty(_fx.Keys("locks"));

        var sweep = await _engine.SweepAsync(_fx.Store, ct);

        Assert.False(sweep.Deferred);
        Assert.Equal(4, sweep.CompactedPacks);
        Assert.Empty(_fx.Keys("packs").Intersect(scenario.PacksOfB1));
        await scenario.AssertRestoresAsync(_fx, _engine, _fx.Store, "b2");
    }

    [Fact]
    public async Task A_restore_that_starts_while_compaction_rewrites_roots_keeps_what_it_reads_until_it_ends()
    {
        var ct = TestContext.Current.CancellationToken;
        var scenario = await CompactionScenario.CreateAsync(_fx, _engine);
        await _fx.Store.DeleteAsync(ManifestKeys.RootOf("b1"), ct);
        var (restoreStore, reading, proceed) = HoldFirstRangedGet();
        var target = _fx.NewVolume(CompactionScenario.VolumeBytes);
        Task? restore = null;
        var sweepStore = new SteppedObjectStore(_fx.Store);
        sweepStore.Before = async (op, key) =>
        {
            if (op == "put" && key.StartsWith(ManifestKeys.BackupsPrefix, StringComparison.Ordinal) && restore is null)
            {
                restore = RestoreAsync(restoreStore, "b2", target); // reads b2's root before its rewrite lands
                await reading.Task.WaitAsync(WaitBound, ct);
            }
        };

        var sweep = await _engine.SweepAsync(sweepStore, ct);

        Assert.False(sweep.Deferred);
        Assert.Equal(4, sweep.CompactedPacks);
        Assert.True(sweep.ReplacedObjectsKept);
        Assert.Equal(scenario.PacksOfB1, _fx.Keys("packs").Intersect(scenario.PacksOfB1));
        proceed.SetResult();
        await restore!;
        Assert.Equal(scenario.Contents["b2"], target.Sha256());

        var later = await _engine.SweepAsync(_fx.Store, ct);

        Assert.Equal(4, later.DeletedPacks);
        Assert.Equal(8, later.DeletedSegments);
        Assert.Empty(_fx.Keys("packs").Intersect(scenario.PacksOfB1));
        await scenario.AssertRestoresAsync(_fx, _engine, _fx.Store, "b2");
        await scenario.AssertRestoresAsync(_fx, _engine, _fx.Store, "b3");
    }

    [Fact]
    public async Task A_delete_racing_a_compaction_waits_for_it_and_its_root_does_not_come_back()
    {
        var ct = TestContext.Current.CancellationToken;
        var scenario = await CompactionScenario.CreateAsync(_fx, _engine);
        await _fx.Store.DeleteAsync(ManifestKeys.RootOf("b1"), ct);
        var deleteStore = new SteppedObjectStore(_fx.Store);
        var deleteLooked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        deleteStore.Before = (op, key) =>
        {
            if (op == "list" && key == VolumeBackup.DataPath.Locks.ObjectStoreLockStore.Prefix)
            {
                deleteLooked.TrySetResult();
            }

            return Task.CompletedTask;
        };
        Task<DeleteResult>? delete = null;
        var sweepStore = new SteppedObjectStore(_fx.Store);
        sweepStore.Before = async (op, key) =>
        {
            if (op == "put" && key == ManifestKeys.RootOf("b2") && delete is null)
            {
                delete = _engine.DeleteBackupAsync(deleteStore, "b2", ct); // after the mark read b2, before its rewrite
                await deleteLooked.Task.WaitAsync(WaitBound, ct);
            }
        };

        var sweep = await _engine.SweepAsync(sweepStore, ct);

        Assert.Equal(4, sweep.CompactedPacks);
        Assert.NotNull(delete);
        Assert.False(delete.IsCompleted, "the delete waits while the sweep holds its prune lock");
        await UntilAsync(() =>
        {
            _time.Advance(CompactionScenario.Options().LockPollInterval);
            return Task.FromResult(delete.IsCompleted);
        }, "the waiting delete completes");

        Assert.True((await delete).RootDeleted);
        Assert.Null(await _fx.Store.TryGetInfoAsync(ManifestKeys.RootOf("b2"), ct));
        Assert.Equal(["b3"], await _engine.ListBackupsAsync(_fx.Store, ct).Select(b => b.BackupId).ToListAsync(ct));
        await scenario.AssertRestoresAsync(_fx, _engine, _fx.Store, "b3");
        Assert.Empty(_fx.Keys("locks"));
    }

    [Theory]
    [InlineData(ContainerLock.RestoreKind)]
    [InlineData(ContainerLock.DeleteKind)]
    public async Task A_sweep_defers_while_a_restore_or_delete_lock_is_live_and_runs_once_it_is_stale(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var scenario = await CompactionScenario.CreateAsync(_fx, _engine);
        await _fx.Store.DeleteAsync(ManifestKeys.RootOf("b1"), ct);
        var locks = new ContainerLocks(_fx.Store, _time, CompactionScenario.Options());
        await locks.WriteAsync(kind, "crashed", ct); // its process died without releasing it

        var deferred = await _engine.SweepAsync(_fx.Store, ct);

        Assert.True(deferred.Deferred);
        Assert.Equal(scenario.PacksOfB1, _fx.Keys("packs").Intersect(scenario.PacksOfB1));
        _time.Advance(CompactionScenario.Options().LockStaleAfter + TimeSpan.FromSeconds(1));
        var swept = await _engine.SweepAsync(_fx.Store, ct);
        Assert.False(swept.Deferred);
        Assert.Equal(4, swept.CompactedPacks);
        Assert.Empty(_fx.Keys("locks"));
    }

    [Fact]
    public async Task A_long_restore_keeps_its_lock_fresh_and_removes_it_at_the_end()
    {
        var ct = TestContext.Current.CancellationToken;
        var scenario = await CompactionScenario.CreateAsync(_fx, _engine);
        var (restoreStore, reading, proceed) = HoldFirstRangedGet();
        var target = _fx.NewVolume(CompactionScenario.VolumeBytes);
        var restore = RestoreAsync(restoreStore, "b2", target);
        await reading.Task.WaitAsync(WaitBound, ct);

        var locks = new ContainerLocks(_fx.Store, _time, CompactionScenario.Options());
        for (var i = 0; i < 12; i++) // an hour: twice the stale time
        {
            _time.Advance(CompactionScenario.Options().LockRefreshInterval);
            // the refresh is a PUT in flight
            await UntilAsync(
                async () => (await locks.ReadOthersAsync("none", ct)).Live.SingleOrDefault()?.RefreshedAt == _time.GetUtcNow(),
                "the restore refreshed its lock");
        }

        var lockKey = Assert.Single(_fx.Keys("locks"));
        Assert.StartsWith("locks/restore-", lockKey, StringComparison.Ordinal);
        var sweep = await _engine.SweepAsync(_fx.Store, ct);
        Assert.True(sweep.Deferred);
        proceed.SetResult();
        await restore;
        Assert.Equal(scenario.Contents["b2"], target.Sha256());
        Assert.Empty(_fx.Keys("locks"));
    }

    /// <summary>Polls <paramref name="done"/> until it holds; fails the test instead of hanging when it never does.</summary>
    private static async Task UntilAsync(Func<Task<bool>> done, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!await done())
        {
            Assert.True(waited.Elapsed < WaitBound, $"Gave up after {WaitBound.TotalSeconds} s waiting until {what}.");
            await Task.Yield();
        }
    }

    /// <summary>A store whose first ranged GET signals <c>Reading</c> and then waits for <c>Proceed</c>.</summary>
    private (SteppedObjectStore Store, TaskCompletionSource Reading, TaskCompletionSource Proceed) HoldFirstRangedGet()
    {
        var reading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var proceed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = new SteppedObjectStore(_fx.Store);
        store.Before = async (op, _) =>
        {
            if (op == "range")
            {
                reading.TrySetResult();
                await proceed.Task.WaitAsync(WaitBound);
            }
        };
        return (store, reading, proceed);
    }

    private async Task RestoreAsync(SteppedObjectStore store, string backupId, VolumeFile target)
    {
        using var handle = target.Open(writable: true);
        await _engine.RestoreAsync(store, backupId, handle, null, TestContext.Current.CancellationToken);
    }
}
