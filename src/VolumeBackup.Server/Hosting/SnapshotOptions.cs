namespace VolumeBackup.Server.Hosting;

/// <summary>Section <c>VolumeBackup:Snapshots</c>: the point-in-time snapshots that backups read (docs/volumes.md).</summary>
internal sealed class SnapshotOptions
{
    /// <summary>
    /// True (default): every backup of a volume whose file system can clone (XFS, btrfs) reads a reflink clone taken for
    /// it, and in-use volumes can be backed up (Cinder's force). False: backups read the volume itself, and in-use
    /// volumes cannot be backed up.
    /// </summary>
    public bool Enabled { get; set; } = true;
}
