using VolumeBackup.DataPath;
using VolumeBackup.DataPath.Locks;
using VolumeBackup.ObjectStores;
using VolumeBackup.Persistence.Locks;
using VolumeBackup.Testing.Databases;

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
