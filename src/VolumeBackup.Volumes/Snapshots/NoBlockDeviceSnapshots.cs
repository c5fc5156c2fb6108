namespace VolumeBackup.Volumes.Snapshots;

/// <summary>No block-device snapshot mechanism configured: adopted block devices are backed up only while available.</summary>
public sealed class NoBlockDeviceSnapshots : IBlockDeviceSnapshots
{
    public const string Reason =
        "the volume is a block device, and this node has no block-device snapshot mechanism (such as LVM or " +
        "device-mapper snapshots) configured.";

    public string? WhyUnavailable(VolumeLocation volume) => Reason;

    public VolumeSnapshot Take(VolumeLocation volume, string name) => throw new VolumeSnapshotException(Reason);

    public VolumeSnapshot? Find(VolumeLocation volume, string name) => null;

    public IReadOnlyList<VolumeSnapshot> List(VolumeLocation volume) => [];

    public VolumeHandle Open(VolumeSnapshot snapshot) => throw new VolumeSnapshotException(Reason);

    public void Delete(VolumeSnapshot snapshot)
    {
    }
}
