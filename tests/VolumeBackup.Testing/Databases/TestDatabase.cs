using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using VolumeBackup.Persistence;

namespace VolumeBackup.Testing.Databases;

/// <summary>
/// A migrated, empty metadata database of one provider for persistence tests: a temp SQLite file, or a fresh
/// PostgreSQL database. Each <see cref="CreateContext"/> is a separate connection, like separate workers.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly TempDataDirectory? _directory;

    private TestDatabase(DatabaseProvider provider, string connectionString, TempDataDirectory? directory)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _directory = directory;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateSqliteAsync()
    {
        var directory = new TempDataDirectory("vb-db");
        var database = new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(directory.Path, "test.db")}", directory);
        await database.MigrateAsync();
        return database;
    }

    public static async Task<TestDatabase> CreatePostgresAsync(string prefix)
    {
        var database = new TestDatabase(DatabaseProvider.Postgres, await PostgresServer.CreateDatabaseAsync(prefix), null);
        await database.MigrateAsync();
        return database;
    }

    public VolumeBackupDbContext CreateContext() => CreateContextWith();

    /// <summary>A context whose commands pass through <paramref name="interceptors"/>, e.g. to act right after a statement ran.</summary>
    public VolumeBackupDbContext CreateContextWith(params IInterceptor[] interceptors) => Provider == DatabaseProvider.Postgres
        ? new PostgresVolumeBackupDbContext(new DbContextOptionsBuilder<PostgresVolumeBackupDbContext>()
            .UseNpgsql(ConnectionString).AddInterceptors(interceptors).Options)
        : new SqliteVolumeBackupDbContext(new DbContextOptionsBuilder<SqliteVolumeBackupDbContext>()
            .UseSqlite(ConnectionString).AddInterceptors(interceptors).Options);

    /// <summary>Fresh contexts on this database, as the service's singleton factory makes them.</summary>
    public IDbContextFactory<VolumeBackupDbContext> ContextFactory => new VolumeBackupDbContextFactory(Provider, ConnectionString);

    /// <summary>Empties every table, so tests of one class sharing the database start clean.</summary>
    public async Task ResetAsync()
    {
        await using var db = CreateContext();
        await db.BlockIndexEntries.ExecuteDeleteAsync();
        await db.BlockIndexStates.ExecuteDeleteAsync();
        await db.Jobs.ExecuteDeleteAsync();
        await db.Backups.ExecuteDeleteAsync();
        await db.Volumes.ExecuteDeleteAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            await PostgresServer.DropDatabaseAsync(ConnectionString);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory?.Dispose();
    }

    private async Task MigrateAsync()
    {
        await using var db = CreateContext();
        await DatabaseMigrator.MigrateAsync(db, CancellationToken.None);
    }
}
