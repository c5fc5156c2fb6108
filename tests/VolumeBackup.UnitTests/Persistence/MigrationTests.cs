using Microsoft.EntityFrameworkCore;
using VolumeBackup.Persistence;

namespace VolumeBackup.UnitTests.Persistence;

/// <summary>A model change without a migration for both providers fails here, not at a user's first start.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void The_sqlite_migrations_match_the_model()
    {
        using var db = new SqliteVolumeBackupDbContext(
            new DbContextOptionsBuilder<SqliteVolumeBackupDbContext>().UseSqlite("Data Source=:memory:").Options);

        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void The_postgres_migrations_match_the_model()
    {
        using var db = new PostgresVolumeBackupDbContext(
            new DbContextOptionsBuilder<PostgresVolumeBackupDbContext>().UseNpgsql("Host=127.0.0.1;Database=unused").Options);

        Assert.False(db.Database.HasPendingModelChanges());
    }
}
