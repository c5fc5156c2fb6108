using VolumeBackup.Domain;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Server.Operations.Volumes;
using VolumeBackup.Volumes;
using VolumeBackup.Volumes.ChangedBlocks;
using VolumeBackup.Volumes.Snapshots;

namespace VolumeBackup.Server.Jobs.Sources;

/// <summary>
/// Chooses what a backup reads. Where the node can snapshot the volume, every backup reads a snapshot taken for it
/// (named after the backup): the volume may stay in use, and the snapshot, kept after success, lets the next backup read
/// only the ranges changed since. Where it cannot, an available volume is read directly and an in-use one is refused.
/// </summary>
internal sealed class BackupSources(IVolumeDriver driver, IVolumeSnapshots snapshots, IChangedBlocks changedBlocks)
{
    /// <summary>The snapshot name of a backup's own snapshot.</summary>
    public static string SnapshotNameOf(long backupId) => "backup-" + RouteIds.Format(backupId);

    public BackupSource Open(Volume volume, Backup backup, long? previousBackupId)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(backup);
        var location = volume.Location();
        if (snapshots.WhyUnavailable(location) is { } reason)
        {
            return volume.AttachmentId is null
                ? new BackupSource(driver.Open(location, VolumeAccess.Read), null, null)
                : throw new JobFailedException($"The backup failed: {reason}");
        }

        VolumeSnapshot snapshot;
        try
        {
            snapshot = snapshots.Take(location, SnapshotNameOf(backup.Id));
        }
        catch (VolumeSnapshotException e)
        {
            throw new JobFailedException($"The backup failed: {e.Message}", e);
        }

        var previous = previousBackupId is { } p ? snapshots.Find(location, SnapshotNameOf(p)) : null;
        var changed = previous is null ? null : changedBlocks.Between(previous, snapshot);
        return new BackupSource(snapshots.Open(snapshot), snapshot, changed);
    }

    /// <summary>After the backup landed: its snapshot stays as the base of the next one; every older one goes.</summary>
    public void Succeeded(Volume volume, BackupSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        snapshots.DeleteAll(volume.Location(), keep: source.Snapshot?.Name);
    }

    /// <summary>After a backup ended without landing: its snapshot goes (the previous one stays for the next attempt).</summary>
    public void Failed(Volume volume, long backupId)
    {
        ArgumentNullException.ThrowIfNull(volume);
        if (snapshots.Find(volume.Location(), SnapshotNameOf(backupId)) is { } own)
        {
            snapshots.Delete(own);
        }
    }
}
