using VolumeBackup.DataPath;
using VolumeBackup.DataPath.Locks;
using VolumeBackup.DataPath.Pipelines;
using VolumeBackup.ObjectStores;
using VolumeBackup.Persistence.Locks;
using VolumeBackup.Testing.Databases;
using VolumeBackup.Testing.ObjectStores;

namespace VolumeBackup.IntegrationTests.DataPath.Locks;

/// <summary>Locks as <c>locks/</c> objects in the container (the engine without a database).</summary>
public sealed class ObjectStoreLockTests : ContainerLockContract
{
    protected override IContainerLockStore OpenLocks(string tenant, string container, IObjectStore objects) => new ObjectStoreLockStore(objects);
}

/// <summary>Locks as rows of a real SQLite database.</summary>
public sealed class SqliteDatabaseLockTests : DatabaseLockContract
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateSqliteAsync();
}

/// <summary>Locks as rows of a real PostgreSQL database.</summary>
public sealed class PostgresDatabaseLockTests : DatabaseLockContract
{
    protected override async Task<TestDatabase> CreateDatabaseAsync()
    {
        await PostgresServer.RequireAsync();
        return await TestDatabase.CreatePostgresAsync("vb_locks");
    }
}

/// <summary>Locks in SQLite and mirrored as <c>locks/</c> objects, as during a rolling upgrade.</summary>
public sealed class MirroredLockTests : DatabaseLockContract
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateSqliteAsync();

    protected override IContainerLockStore OpenLocks(string tenant, string container, IObjectStore objects) =>
        new MirroredLockStore(base.OpenLocks(tenant, container, objects), new ObjectStoreLockStore(objects));

    [Fact]
    public async Task Nodes_of_an_earlier_version_which_keep_locks_only_as_objects_and_this_one_see_each_others_locks()
    {
        var ct = TestContext.Current.CancellationToken;
        var (objects, locks) = await OpenAsync("tenant-a", "c1");
        var garbage = await GarbageAsync(objects, locks);
        var earlierNode = Engine; // no lock store given: locks/ objects only, as earlier versions keep them

        var restore = await new ContainerLocks(locks, Time, Options, Owner("job:1:new/0")).WriteAsync(ContainerLock.RestoreKind, "r", ct);
        Assert.True((await earlierNode.OwnedBy(Owner("job:2:old/0")).SweepAsync(objects, ct)).Deferred);
        await restore.ReleaseAsync(ct);

        var prune = await new ContainerLocks(objects, Time, Options, Owner("job:3:old/0")).WriteAsync(ContainerLock.PruneKind, "p", ct);
        await Assert.ThrowsAsync<ContainerBusyException>(
            () => BackUpAsync(Engine.OwnedBy(Owner("job:4:new/0")).LockingIn(locks), objects, "b1"));
        await prune.ReleaseAsync(ct);

        Assert.Equal(garbage, (await Engine.LockingIn(locks).SweepAsync(objects, ct)).DeletedPacks);
        Assert.Empty(await KeysAsync(locks));
    }

    [Fact]
    public async Task A_lock_whose_object_cannot_be_written_leaves_no_row_behind()
    {
        var (objects, _) = await OpenAsync("tenant-a", "c1");
        var rows = base.OpenLocks("tenant-a", "c1", objects);
        var refusing = new FaultyObjectStore(objects) { Fault = (op, _) => op == "put" ? new ObjectStoreException("refused", isTransient: false) : null };
        var locks = new MirroredLockStore(rows, new ObjectStoreLockStore(refusing));

        await Assert.ThrowsAsync<ObjectStoreException>(() => BackUpAsync(Engine.OwnedBy(Owner("job:1:new/0")).LockingIn(locks), objects, "b1"));

        Assert.Empty(await KeysAsync(rows)); // else it would hold sweeps back until its holder is known to have stopped
    }
}

public abstract class DatabaseLockContract : ContainerLockContract
{
    private TestDatabase? _database;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public override async ValueTask InitializeAsync() => _database = await CreateDatabaseAsync();

    public override async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected override IContainerLockStore OpenLocks(string tenant, string container, IObjectStore objects) =>
        new DatabaseLockStore(_database!.ContextFactory, tenant, container);
}
