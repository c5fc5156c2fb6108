using Microsoft.EntityFrameworkCore;
using VolumeBackup.Persistence.Conversions;

namespace VolumeBackup.Persistence;

/// <summary>The embedded default. Its migrations live in <c>Migrations/Sqlite</c>.</summary>
internal sealed class SqliteVolumeBackupDbContext(DbContextOptions<SqliteVolumeBackupDbContext> options)
    : VolumeBackupDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite cannot compare or order DateTimeOffset text; Unix milliseconds keep lease queries in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UnixMillisecondsConverter>();
    }
}
