using Microsoft.EntityFrameworkCore;
using VolumeBackup.DataPath;
using VolumeBackup.Persistence;
using VolumeBackup.Persistence.BlockIndex;

namespace VolumeBackup.Server.Jobs;

/// <summary>
/// Opens the block index of the container a job works on, per tenant and container: never one index across containers
/// or tenants, since a dedup hit would tell a tenant that another one stores the same data. Null when the setting is
/// <see cref="BlockIndexMode.None"/>.
/// </summary>
internal sealed class JobBlockIndexes(BlockIndexMode mode, IDbContextFactory<VolumeBackupDbContext> contexts, TimeProvider time)
{
    public BlockIndexMode Mode => mode;

    public IBlockIndex? Open(string tenantId, string container) =>
        mode == BlockIndexMode.Database ? new DatabaseBlockIndex(contexts, tenantId, container, time) : null;
}
