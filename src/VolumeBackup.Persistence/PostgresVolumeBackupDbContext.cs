using Microsoft.EntityFrameworkCore;

namespace VolumeBackup.Persistence;

/// <summary>The multi-node option (Npgsql). Its migrations live in <c>Migrations/Postgres</c>.</summary>
internal sealed class PostgresVolumeBackupDbContext(DbContextOptions<PostgresVolumeBackupDbContext> options)
    : VolumeBackupDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
