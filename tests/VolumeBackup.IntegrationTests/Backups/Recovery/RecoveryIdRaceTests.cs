using Microsoft.EntityFrameworkCore;
using VolumeBackup.Persistence;
using VolumeBackup.Testing.Databases;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Backups.Recovery;

public sealed class SqliteRecoveryIdRaceTests : RecoveryIdRaceContract
{
    protected override Task<ServerSettings> SettingsAsync() => Task.FromResult(Settings(DatabaseProvider.Sqlite, null));

    protected override Task RestartIdSequenceAsync(VolumeBackupDbContext db) =>
        db.Database.ExecuteSqlRawAsync("DELETE FROM sqlite_sequence WHERE name = 'Backups'");

    internal static ServerSettings Settings(DatabaseProvider provider, string? connectionString) => new()
    {
        Database = provider,
        ConnectionString = connectionString,
        Settings = BackupServerFixture.Settings(("VolumeBackup:Backups:Workers", "4")),
    };
}

public sealed class PostgresRecoveryIdRaceTests : RecoveryIdRaceContract
{
    protected override async Task<ServerSettings> SettingsAsync()
    {
        await PostgresServer.RequireAsync();
        return SqliteRecoveryIdRaceTests.Settings(DatabaseProvider.Postgres, await PostgresServer.CreateDatabaseAsync("vb_recover_race"));
    }

    protected override Task RestartIdSequenceAsync(VolumeBackupDbContext db) =>
        db.Database.ExecuteSqlRawAsync("""SELECT setval(pg_get_serial_sequence('"Backups"', 'Id'), 1, false)""");

    protected override Task CleanUpAsync(ServerSettings settings) =>
        settings.ConnectionString is null ? Task.CompletedTask : PostgresServer.DropDatabaseAsync(settings.ConnectionString);
}
