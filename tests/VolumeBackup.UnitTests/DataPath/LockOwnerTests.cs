using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using VolumeBackup.DataPath;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.DataPath.Pipelines;

namespace VolumeBackup.UnitTests.DataPath;

/// <summary>
/// Locks that name their holder die with it: once the holder is known to have stopped, its lock no longer holds anything
/// up, long before the time rule (30 minutes) would end it. Owned operations never wait for a lock.
/// </summary>
public sealed class LockOwnerTests : IDisposable
{
    private readonly DataPathFixture _fx = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentDictionary<string, bool> _running = new();
    private readonly BackupEngine _engine;

    public LockOwnerTests() => _engine = new BackupEngine(CompactionScenario.Options(), _time);

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task A_prune_lock_of_a_stopped_holder_stops_counting_at_once_and_the_delete_reclaims_the_space()
    {
        var ct = TestContext.Current.CancellationToken;
        var scenario = await CompactionScenario.CreateAsync(_fx, _engine);
        var crashed = Owner("job:1:node/1-a/0");
        await new ContainerLocks(_fx.Store, _time, CompactionScenario.Options(), crashed).WriteAsync(ContainerLock.PruneKind, "p", ct);
        var deleter = _engine.OwnedBy(Owner("job:2:node/2-b/0"));

        await Assert.ThrowsAsync<ContainerBusyException>(() => deleter.DeleteBackupAsync(_fx.Store, "b1", ct));
        Assert.Equal(["locks/prune-p"], _fx.Keys("locks")); // the refused delete left no lock of its own
        Assert.NotNull(await _fx.Store.TryGetInfoAsync(ManifestKeys.RootOf("b1"), ct));

        _running["job:1:node/1-a/0"] = false; // its job's lease passed on: no time needs to pass
        var deleted = await deleter.DeleteBackupAsync(_fx.Store, "b1", ct);

        Assert.True(deleted.RootDeleted);
        Assert.False(deleted.Sweep.Deferred);
        Assert.Empty(_fx.Keys("packs").Intersect(scenario.PacksOfB1));
        Assert.Empty(_fx.Keys("locks"));
        await scenario.AssertRestoresAsync(_fx, _engine, _fx.Store, "b2");
    }

    [Theory]
    [InlineData(ContainerLock.RestoreKind)]
    [InlineData(ContainerLock.DeleteKind)]
    [InlineData(ContainerLock.BackupKind)]
    public async Task A_sweep_defers_for_a_running_holder_and_runs_as_soon_as_it_stopped(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var scenario = await CompactionScenario.CreateAsync(_fx, _engine);
        await _fx.Store.DeleteAsync(ManifestKeys.RootOf("b1"), ct);
        await new ContainerLocks(_fx.Store, _time, CompactionScenario.Options(), Owner("job:7:node/1-a/1")).WriteAsync(kind, "x", ct);
        var sweeper = _engine.OwnedBy(Owner("job:8:node/2-b/0"));

        Assert.True((await sweeper.SweepAsync(_fx.Store, ct)).Deferred);
        _running["job:7:node/1-a/1"] = false;
        var swept = await sweeper.SweepAsync(_fx.Store, ct);

        Assert.False(swept.Deferred);
        Assert.Empty(_fx.Keys("packs").Intersect(scenario.PacksOfB1));
        Assert.Empty(_fx.Keys("locks"));
    }

    [Fact]
    public async Task A_sweep_whose_own_holder_stopped_deletes_nothing_more()
    {
        var ct = TestContext.Current.CancellationToken;
        var scenario = await CompactionScenario.CreateAsync(_fx, _engine);
        await _fx.Store.DeleteAsync(ManifestKeys.RootOf("b1"), ct);
        var self = Owner("job:9:node/1-a/0");
        var store = new VolumeBackup.Testing.DataPath.SteppedObjectStore(_fx.Store)
        {
            // The job's lease passes to another worker while the sweep marks.
            Before = (op, key) =>
            {
                if (op == "list" && key == "segments/")
                {
                    _running["job:9:node/1-a/0"] = false;
                }

                return Task.CompletedTask;
            },
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _engine.OwnedBy(self).SweepAsync(store, ct));

        Assert.Equal(scenario.PacksOfB1, _fx.Keys("packs").Intersect(scenario.PacksOfB1));
    }

    private FakeOwner Owner(string id)
    {
        _running[id] = true;
        return new FakeOwner(id, _running);
    }

    /// <summary>Owners whose running state the test sets; unknown ids count as running.</summary>
    private sealed class FakeOwner(string id, ConcurrentDictionary<string, bool> running) : ILockOwner
    {
        public string Id => id;

        public Task<bool> IsRunningAsync(string ownerId, CancellationToken ct) => Task.FromResult(running.GetValueOrDefault(ownerId, true));
    }
}
