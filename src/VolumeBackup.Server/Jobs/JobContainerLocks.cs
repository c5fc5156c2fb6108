using Microsoft.EntityFrameworkCore;
using VolumeBackup.DataPath;
using VolumeBackup.DataPath.Locks;
using VolumeBackup.ObjectStores;
using VolumeBackup.Persistence;
using VolumeBackup.Persistence.Locks;

namespace VolumeBackup.Server.Jobs;

/// <summary>
/// Where a job keeps the locks of the container it works on, per tenant and container (settings
/// <c>VolumeBackup:DataPath:Locks</c> and <c>VolumeBackup:DataPath:MirrorObjectLocks</c>). In the database by default;
/// mirrored as <c>locks/</c> objects while nodes of earlier versions, which know only those, may share the containers.
/// </summary>
internal sealed class JobContainerLocks(LockStoreMode mode, bool mirrorObjectLocks, IDbContextFactory<VolumeBackupDbContext> contexts)
{
    public LockStoreMode Mode => mode;

    public bool MirrorObjectLocks => mirrorObjectLocks;

    /// <summary>
    /// The lock store of container <paramref name="container"/> of <paramref name="tenantId"/>, as the service names it,
    /// whose objects <paramref name="store"/> reaches.
    /// </summary>
    public IContainerLockStore Open(string tenantId, string container, IObjectStore store)
    {
        var objects = new ObjectStoreLockStore(store);
        if (mode == LockStoreMode.ObjectStore)
        {
            return objects;
        }

        var rows = new DatabaseLockStore(contexts, tenantId, container);
        return mirrorObjectLocks ? new MirroredLockStore(rows, objects) : rows;
    }
}
