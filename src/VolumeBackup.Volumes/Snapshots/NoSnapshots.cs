namespace VolumeBackup.Volumes.Snapshots;

/// <summary>A node without a snapshot mechanism: backups read the volume itself, and in-use volumes cannot be backed up.</summary>
public sealed class NoSnapshots : IVolumeSnapshots
{
    public string? WhyUnavailable(VolumeLocation volume) => "this node has no way to snapshot the volume.";

    public VolumeSnapshot Take(VolumeLocation volume, string name) =>
        throw new VolumeSnapshotException("this node has no way to snapshot the volume.");

    public VolumeSnapshot? Find(VolumeLocation volume, string name) => null;

    public IReadOnlyList<VolumeSnapshot> List(VolumeLocation volume) => [];

    public VolumeHandle Open(VolumeSnapshot snapshot) => throw new InvalidOperationException("No snapshots exist on this node.");

    public void Delete(VolumeSnapshot snapshot)
    {
    }
}
