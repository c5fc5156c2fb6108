using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using VolumeBackup.DataPath;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.DataPath.Pipelines;
using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Filesystem;
using VolumeBackup.Testing;
using VolumeBackup.Testing.DataPath;

namespace VolumeBackup.IntegrationTests.DataPath.Locks;

/// <summary>
/// The lock protocol through the engine, against each place locks are kept: a backup meets a live sweep and is refused,
/// a sweep defers while a backup, restore or delete lock lives, a lock goes stale by its refresh time or at once when its
/// holder stopped, and containers and tenants never see each other's locks.
/// </summary>
public abstract class ContainerLockContract : IAsyncLifetime
{
    protected static readonly DataPathOptions Options = SmallDataPathOptions.Value;

    private readonly TempDataDirectory _dir = new("vb-locks");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentDictionary<string, bool> _running = new(StringComparer.Ordinal);
    private readonly BackupEngine _engine;
    private int _volumes;

    protected ContainerLockContract() => _engine = new BackupEngine(Options, _time);

    protected BackupEngine Engine => _engine;

    protected TimeProvider Time => _time;

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        _dir.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>The lock store of <paramref name="container"/> of <paramref name="tenant"/>, whose objects <paramref name="objects"/> reaches.</summary>
    protected abstract IContainerLockStore OpenLocks(string tenant, string container, IObjectStore objects);

    [Fact]
    public async Task A_backup_that_meets_a_live_prune_lock_is_refused_and_leaves_no_lock_of_its_own()
    {
        var ct = TestContext.Current.CancellationToken;
        var (objects, locks) = await OpenAsync("tenant-a", "c1");
        await new ContainerLocks(locks, _time, Options, Owner("job:1:node-a/0")).WriteAsync(ContainerLock.PruneKind, "p", ct);

        await Assert.ThrowsAsync<ContainerBusyException>(
            () => BackUpAsync(_engine.OwnedBy(Owner("job:2:node-b/0")).LockingIn(locks), objects, "b1"));

        Assert.Equal(["prune-p"], await KeysAsync(locks));
        Assert.Null(await objects.TryGetInfoAsync(ManifestKeys.RootOf("b1"), ct));
    }

    [Theory]
    [InlineData(ContainerLock.BackupKind)]
    [InlineData(ContainerLock.RestoreKind)]
    [InlineData(ContainerLock.DeleteKind)]
    public async Task A_sweep_defers_while_a_lock_lives_and_runs_once_its_refresh_time_is_past(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var (objects, locks) = await OpenAsync("tenant-a", "c1");
        var garbage = await GarbageAsync(objects, locks);
        await new ContainerLocks(locks, _time, Options).WriteAsync(kind, "crashed", ct); // no holder to ask: time alone

        var deferred = await _engine.LockingIn(locks).SweepAsync(objects, ct);

        Assert.True(deferred.Deferred);
        Assert.Equal(garbage, await PackCountAsync(objects));
        _time.Advance(Options.LockStaleAfter - TimeSpan.FromSeconds(1));
        Assert.True((await _engine.LockingIn(locks).SweepAsync(objects, ct)).Deferred);

        _time.Advance(TimeSpan.FromSeconds(2));
        var swept = await _engine.LockingIn(locks).SweepAsync(objects, ct);

        Assert.False(swept.Deferred);
        Assert.Equal(garbage, swept.DeletedPacks);
        Assert.Equal(0, await PackCountAsync(objects));
        Assert.Empty(await KeysAsync(locks)); // the stale lock went with the garbage
    }

    [Theory]
    [InlineData(ContainerLock.BackupKind)]
    [InlineData(ContainerLock.RestoreKind)]
    [InlineData(ContainerLock.DeleteKind)]
    public async Task A_lock_whose_holder_stopped_is_stale_at_once(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var (objects, locks) = await OpenAsync("tenant-a", "c1");
        var garbage = await GarbageAsync(objects, locks);
        await new ContainerLocks(locks, _time, Options, Owner("job:7:node-a/1")).WriteAsync(kind, "x", ct);
        var sweeper = _engine.OwnedBy(Owner("job:8:node-b/0")).LockingIn(locks);

        Assert.True((await sweeper.SweepAsync(objects, ct)).Deferred);
        _running["job:7:node-a/1"] = false; // its job's lease passed on: no time passes
        var swept = await sweeper.SweepAsync(objects, ct);

        Assert.False(swept.Deferred);
        Assert.Equal(garbage, swept.DeletedPacks);
        Assert.Empty(await KeysAsync(locks));
    }

    [Fact]
    public async Task A_delete_that_meets_a_live_prune_lock_is_refused_and_goes_ahead_once_the_sweep_ended()
    {
        var ct = TestContext.Current.CancellationToken;
        var (objects, locks) = await OpenAsync("tenant-a", "c1");
        var volume = NewVolume();
        var owned = _engine.OwnedBy(Owner("job:2:node-b/0")).LockingIn(locks);
        await BackUpAsync(owned, objects, "b1", volume);
        var prune = await new ContainerLocks(locks, _time, Options, Owner("job:1:node-a/0")).WriteAsync(ContainerLock.PruneKind, "p", ct);

        await Assert.ThrowsAsync<ContainerBusyException>(() => owned.DeleteBackupAsync(objects, "b1", ct));
        Assert.NotNull(await objects.TryGetInfoAsync(ManifestKeys.RootOf("b1"), ct));
        await prune.ReleaseAsync(ct);
        var deleted = await owned.DeleteBackupAsync(objects, "b1", ct);

        Assert.True(deleted.RootDeleted);
        Assert.False(deleted.Sweep.Deferred);
        Assert.Equal(0, await PackCountAsync(objects));
        Assert.Empty(await KeysAsync(locks));
    }

    [Fact]
    public async Task Another_container_and_another_tenant_do_not_see_the_locks()
    {
        var ct = TestContext.Current.CancellationToken;
        var (objects, locks) = await OpenAsync("tenant-a", "c1");
        var (otherContainer, otherContainerLocks) = await OpenAsync("tenant-a", "c2");
        var (otherTenant, otherTenantLocks) = await OpenAsync("tenant-b", "c1");
        await new ContainerLocks(locks, _time, Options, Owner("job:1:node-a/0")).WriteAsync(ContainerLock.PruneKind, "p", ct);
        var owned = _engine.OwnedBy(Owner("job:2:node-b/0"));

        await BackUpAsync(owned.LockingIn(otherContainerLocks), otherContainer, "b1");
        await BackUpAsync(owned.LockingIn(otherTenantLocks), otherTenant, "b1");
        await new ContainerLocks(otherTenantLocks, _time, Options, Owner("job:3:node-a/1")).WriteAsync(ContainerLock.RestoreKind, "r", ct);

        Assert.Equal(["prune-p"], await KeysAsync(locks));
        Assert.Empty(await KeysAsync(otherContainerLocks));
        Assert.Equal(["restore-r"], await KeysAsync(otherTenantLocks));
        var garbage = await GarbageAsync(otherContainer, otherContainerLocks);
        var swept = await _engine.LockingIn(otherContainerLocks).SweepAsync(otherContainer, ct);
        Assert.False(swept.Deferred); // neither tenant-a's c1 prune nor tenant-b's c1 restore counts in tenant-a's c2
        Assert.Equal(garbage, swept.DeletedPacks);
        Assert.NotNull(await otherContainer.TryGetInfoAsync(ManifestKeys.RootOf("b1"), ct));
        Assert.NotNull(await otherTenant.TryGetInfoAsync(ManifestKeys.RootOf("b1"), ct));
        Assert.Equal(["prune-p"], await KeysAsync(locks));
    }

    protected async Task<(IObjectStore Objects, IContainerLockStore Locks)> OpenAsync(string tenant, string container)
    {
        var objects = new FilesystemObjectStoreProvider(Path.Combine(_dir.Path, "stores")).Open(tenant, container);
        await objects.EnsureContainerAsync(TestContext.Current.CancellationToken);
        return (objects, OpenLocks(tenant, container, objects));
    }

    private VolumeFile NewVolume()
    {
        var volume = VolumeFile.Create(Path.Combine(_dir.Path, $"volume-{++_volumes}.raw"), 1 << 20);
        volume.Write(0, VolumeFile.RandomBytes(1 << 20, _volumes));
        return volume;
    }

    protected async Task BackUpAsync(BackupEngine engine, IObjectStore objects, string backupId, VolumeFile? volume = null)
    {
        using var handle = (volume ?? NewVolume()).Open();
        await engine.BackupAsync(
            handle, objects, new BackupDescriptor(backupId, "vol-1", null, null, _time.GetUtcNow(), null), null,
            TestContext.Current.CancellationToken);
    }

    /// <summary>A backup whose root is then removed: its packs are garbage a sweep that runs deletes. Returns their count.</summary>
    protected async Task<int> GarbageAsync(IObjectStore objects, IContainerLockStore locks)
    {
        var before = await PackCountAsync(objects);
        await BackUpAsync(_engine.LockingIn(locks), objects, "gone");
        await objects.DeleteAsync(ManifestKeys.RootOf("gone"), TestContext.Current.CancellationToken);
        var packs = await PackCountAsync(objects) - before;
        Assert.True(packs > 0);
        return packs;
    }

    private static async Task<int> PackCountAsync(IObjectStore objects) =>
        await objects.ListAsync("packs/", TestContext.Current.CancellationToken).CountAsync(TestContext.Current.CancellationToken);

    protected static async Task<string[]> KeysAsync(IContainerLockStore locks) =>
        [.. (await locks.ListAsync(TestContext.Current.CancellationToken)).Select(l => l.Key).Distinct().Order(StringComparer.Ordinal)];

    protected ILockOwner Owner(string id)
    {
        _running[id] = true;
        return new FakeOwner(id, _running);
    }

    /// <summary>Owners whose running state the test sets, as the service's job leases would answer.</summary>
    private sealed class FakeOwner(string id, ConcurrentDictionary<string, bool> running) : ILockOwner
    {
        public string Id => id;

        public Task<bool> IsRunningAsync(string ownerId, CancellationToken ct) => Task.FromResult(running.GetValueOrDefault(ownerId, true));
    }
}
