using VolumeBackup.Platform;
using VolumeBackup.Volumes.Snapshots;

namespace VolumeBackup.Volumes.ChangedBlocks;

/// <summary>
/// Changed blocks of reflink snapshots from their extent maps (FIEMAP, see <see cref="ExtentComparison"/>). Any doubt
/// answers null and the backup reads the whole volume: a snapshot missing or not a regular file, snapshots of different
/// sizes, a file system that cannot map extents, or a map that is not in order.
/// </summary>
public sealed class FiemapChangedBlocks : IChangedBlocks
{
    public IReadOnlyList<ByteRange>? Between(VolumeSnapshot older, VolumeSnapshot newer)
    {
        try
        {
            using var a = File.OpenHandle(older.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var b = File.OpenHandle(newer.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var length = RandomAccess.GetLength(a);
            if (RandomAccess.GetLength(b) != length)
            {
                return null; // resized: the blocks past the shorter end have no counterpart
            }

            // Both maps are asked for before any comparison, whatever the length: a file system or a file that cannot
            // map (a block device's snapshot, tmpfs) throws here rather than reading as "no extents, nothing changed".
            return ExtentComparison.ChangedRanges(Fiemap.Extents(a), Fiemap.Extents(b), length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null;
        }
    }
}
