using VolumeBackup.Persistence;
using VolumeBackup.Testing.Databases;

namespace VolumeBackup.IntegrationTests.Backups;

public sealed class SqliteBackupRecoveryTests : BackupRecoveryContract
{
    protected override Task<(DatabaseProvider Provider, string? ConnectionString)> CreateDatabaseAsync() =>
        Task.FromResult<(DatabaseProvider, string?)>((DatabaseProvider.Sqlite, null));
}

public sealed class PostgresBackupRecoveryTests : BackupRecoveryContract
{
    protected override async Task<(DatabaseProvider Provider, string? ConnectionString)> CreateDatabaseAsync()
    {
        await PostgresServer.RequireAsync();
        return (DatabaseProvider.Postgres, await PostgresServer.CreateDatabaseAsync("vb_recovery"));
    }

    protected override Task DropDatabaseAsync(string? connectionString) =>
        connectionString is null ? Task.CompletedTask : PostgresServer.DropDatabaseAsync(connectionString);
}
