using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using VolumeBackup.Persistence;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Testing;
using VolumeBackup.Testing.Databases;

namespace VolumeBackup.IntegrationTests.Persistence;

/// <summary>
/// A database made before volumes and backups had UUIDs is upgraded in place: every existing row gets its own id,
/// in the form the provider's queries find again, and existing backups read back with empty metadata.
/// </summary>
public sealed class UuidUpgradeTests
{
    [Fact]
    public async Task Sqlite_rows_made_before_the_upgrade_get_distinct_findable_ids()
    {
        using var directory = new TempDataDirectory("vb-upgrade");
        var connection = $"Data Source={Path.Combine(directory.Path, "old.db")}";
        await using var db = new SqliteVolumeBackupDbContext(
            new DbContextOptionsBuilder<SqliteVolumeBackupDbContext>().UseSqlite(connection).Options);
        await UpgradeAndCheckAsync(db, "20261201230738_JobNotBefore", "0");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Postgres_rows_made_before_the_upgrade_get_distinct_findable_ids()
    {
        await PostgresServer.RequireAsync();
        var connection = await PostgresServer.CreateDatabaseAsync("upgrade", TestContext.Current.CancellationToken);
        try
        {
            await using var db = new PostgresVolumeBackupDbContext(
                new DbContextOptionsBuilder<PostgresVolumeBackupDbContext>().UseNpgsql(connection).Options);
            await UpgradeAndCheckAsync(db, "20261201230806_JobNotBefore", "now()");
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connection);
        }
    }

    // Raw SQL goes through string.Format: braces are doubled to reach the database as "{}".
    private const string EmptyJsonObject = "{{}}";

    private static async Task UpgradeAndCheckAsync(VolumeBackupDbContext db, string lastOldMigration, string now)
    {
        var ct = TestContext.Current.CancellationToken;
        await db.GetService<IMigrator>().MigrateAsync(lastOldMigration, ct);
        // Rows as the old schema held them; the values are constants of this test, not input.
        var volume = "INSERT INTO \"Volumes\" (\"TenantId\", \"SizeGb\", \"Status\", \"AvailabilityZone\", \"Host\", \"Metadata\", \"CreatedAt\", \"UpdatedAt\") " +
            $"VALUES ('t', 1, 'available', 'az', 'node', '{EmptyJsonObject}', {now}, {now})";
        var backup = "INSERT INTO \"Backups\" (\"TenantId\", \"VolumeId\", \"Container\", \"Status\", \"CreatedAt\", \"UpdatedAt\", \"SizeGb\", \"ObjectCount\", \"ProgressBytesDone\", \"ProgressBytesTotal\") " +
            $"VALUES ('t', 1, 'c', 'available', {now}, {now}, 1, 0, 0, 0)";
        for (var i = 0; i < 3; i++)
        {
            await db.Database.ExecuteSqlRawAsync(volume, ct);
            await db.Database.ExecuteSqlRawAsync(backup, ct);
        }

        await DatabaseMigrator.MigrateAsync(db, ct);

        var volumes = await db.Volumes.AsNoTracking().ToListAsync(ct);
        var backups = await db.Backups.AsNoTracking().ToListAsync(ct);
        Assert.Equal(3, volumes.Select(v => v.Uuid).Where(u => u != Guid.Empty).Distinct().Count());
        Assert.Equal(3, backups.Select(b => b.Uuid).Where(u => u != Guid.Empty).Distinct().Count());
        Assert.All(backups, b => Assert.Empty(b.Metadata));

        // Found again through the queries the Cinder surface runs: the stored form is the one EF Core compares with.
        var time = TimeProvider.System;
        Assert.Equal(volumes[1].Id, (await new VolumeStore(db, time).FindByUuidAsync("t", volumes[1].Uuid, ct))?.Id);
        Assert.Equal(backups[2].Id, (await new BackupStore(db, time).FindByUuidAsync("t", backups[2].Uuid, ct))?.Id);
    }
}
