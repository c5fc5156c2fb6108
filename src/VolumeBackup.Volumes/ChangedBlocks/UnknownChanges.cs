using VolumeBackup.Volumes.Snapshots;

namespace VolumeBackup.Volumes.ChangedBlocks;

/// <summary>No changed-block tracking: every incremental reads the whole volume.</summary>
public sealed class UnknownChanges : IChangedBlocks
{
    public IReadOnlyList<ByteRange>? Between(VolumeSnapshot older, VolumeSnapshot newer) => null;
}
