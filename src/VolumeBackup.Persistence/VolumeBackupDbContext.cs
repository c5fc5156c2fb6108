using Microsoft.EntityFrameworkCore;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Policies;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Persistence.BlockIndex;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Persistence.Locks;
using VolumeBackup.Persistence.Nodes;

namespace VolumeBackup.Persistence;

/// <summary>
/// The metadata database: volumes, backups, the durable job queue, the nodes, the containers' locks and block indexes. One derived context
/// per provider (<see cref="SqliteVolumeBackupDbContext"/>, <see cref="PostgresVolumeBackupDbContext"/>) owns its
/// migration set; the rest of the code only sees this base type.
/// </summary>
public abstract class VolumeBackupDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Volume> Volumes => Set<Volume>();

    public DbSet<Backup> Backups => Set<Backup>();

    public DbSet<JobRecord> Jobs => Set<JobRecord>();

    public DbSet<NodeRecord> Nodes => Set<NodeRecord>();

    public DbSet<BackupPolicy> BackupPolicies => Set<BackupPolicy>();

    public DbSet<ContainerLockRecord> ContainerLocks => Set<ContainerLockRecord>();

    internal DbSet<BlockIndexEntry> BlockIndexEntries => Set<BlockIndexEntry>();

    internal DbSet<BlockIndexState> BlockIndexStates => Set<BlockIndexState>();

    public abstract DatabaseProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(VolumeBackupDbContext).Assembly);
    }
}
