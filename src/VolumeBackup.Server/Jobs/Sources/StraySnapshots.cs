using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Operations.Volumes;
using VolumeBackup.Volumes.Snapshots;

namespace VolumeBackup.Server.Jobs.Sources;

/// <summary>
/// At a node's start, removes the snapshots that a killed or given-up backup left behind: of each volume kept here,
/// every <c>backup-&lt;id&gt;</c> snapshot but those of its backups still <c>creating</c> (their job resumes and reads
/// it again, or retakes it) and of its latest <c>available</c> backup (the base of the next incremental). The snapshots
/// are listed before the backups are read, so a backup that ends meanwhile is seen with its new status, never missed.
/// </summary>
internal sealed class StraySnapshots(VolumeStore volumes, BackupLifecycle lifecycle, IVolumeSnapshots snapshots)
{
    /// <summary>Returns how many snapshots were removed.</summary>
    public async Task<int> RemoveAsync(string host, CancellationToken ct)
    {
        var removed = 0;
        foreach (var volume in await volumes.ListOnHostAsync(host, ct))
        {
            var found = snapshots.List(volume.Location());
            if (found.Count == 0)
            {
                continue;
            }

            var holders = (await lifecycle.FindSnapshotHoldersAsync(volume.Id, ct)).Select(BackupSources.SnapshotNameOf).ToHashSet(StringComparer.Ordinal);
            foreach (var stray in found.Where(s => !holders.Contains(s.Name)))
            {
                snapshots.Delete(stray);
                removed++;
            }
        }

        return removed;
    }
}
