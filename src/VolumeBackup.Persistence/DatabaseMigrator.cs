using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace VolumeBackup.Persistence;

/// <summary>Brings the database to the newest migration of its provider. Safe to run on every start.</summary>
public static class DatabaseMigrator
{
    public static async Task MigrateAsync(VolumeBackupDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }

            await db.Database.MigrateAsync(ct);

            // WAL lets readers run while one writer commits: API requests and workers share the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            return;
        }

        await db.Database.MigrateAsync(ct);
    }
}
