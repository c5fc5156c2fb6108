using VolumeBackup.Persistence;
using VolumeBackup.Testing.Databases;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Backups;

public sealed class SqliteBackupRaceTests : BackupRaceContract
{
    protected override Task<ServerSettings> SettingsAsync(int workers) => Task.FromResult(Settings(workers, DatabaseProvider.Sqlite, null));
}

public sealed class PostgresBackupRaceTests : BackupRaceContract
{
    protected override async Task<ServerSettings> SettingsAsync(int workers)
    {
        await PostgresServer.RequireAsync();
        return Settings(workers, DatabaseProvider.Postgres, await PostgresServer.CreateDatabaseAsync("vb_race"));
    }

    protected override Task CleanUpAsync(ServerSettings settings) =>
        settings.ConnectionString is null ? Task.CompletedTask : PostgresServer.DropDatabaseAsync(settings.ConnectionString);
}
