using Microsoft.EntityFrameworkCore;

namespace VolumeBackup.Persistence;

/// <summary>
/// Fresh contexts of the configured provider, for code that runs outside a request scope and concurrently (each call
/// gets its own context and connection; pooling is the ADO.NET provider's). Options are built once.
/// </summary>
internal sealed class VolumeBackupDbContextFactory : IDbContextFactory<VolumeBackupDbContext>
{
    private readonly Func<VolumeBackupDbContext> _create;

    public VolumeBackupDbContextFactory(DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            var options = new DbContextOptionsBuilder<PostgresVolumeBackupDbContext>().UseNpgsql(connectionString).Options;
            _create = () => new PostgresVolumeBackupDbContext(options);
        }
        else
        {
            var options = new DbContextOptionsBuilder<SqliteVolumeBackupDbContext>().UseSqlite(connectionString).Options;
            _create = () => new SqliteVolumeBackupDbContext(options);
        }
    }

    public VolumeBackupDbContext CreateDbContext() => _create();
}
