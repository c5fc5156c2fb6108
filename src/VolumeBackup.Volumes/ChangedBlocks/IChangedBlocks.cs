using VolumeBackup.Volumes.Snapshots;

namespace VolumeBackup.Volumes.ChangedBlocks;

/// <summary>
/// Tells which byte ranges of a volume may differ between two of its snapshots, so that an incremental backup reads
/// only those. Any doubt answers null, and the backup reads the whole volume.
/// </summary>
public interface IChangedBlocks
{
    /// <summary>
    /// The ranges of <paramref name="newer"/> that may differ from <paramref name="older"/>, in order and not overlapping;
    /// every byte outside them is known to be equal in both. Null when that cannot be known.
    /// </summary>
    IReadOnlyList<ByteRange>? Between(VolumeSnapshot older, VolumeSnapshot newer);
}
