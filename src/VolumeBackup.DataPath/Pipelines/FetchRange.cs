using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Manifests;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// Blocks stored back to back in one pack, fetched with one ranged GET. <see cref="SpanFirstBlock"/> is the absolute
/// block index of the span start, added to each entry's block.
/// </summary>
internal sealed class FetchRange(Hash256 pack, long spanFirstBlock)
{
    public Hash256 Pack { get; } = pack;

    public long SpanFirstBlock { get; } = spanFirstBlock;

    public List<SegmentEntry> Entries { get; } = [];

    public long Offset => Entries[0].Location.Offset;

    public int Length => (int)(Entries[^1].Location.Offset + Entries[^1].Location.StoredLength - Entries[0].Location.Offset);

    /// <summary>Whether <paramref name="entry"/> is the next bytes of the same pack and the range stays within limits.</summary>
    public bool CanAppend(SegmentEntry entry, int maxBlocks) =>
        Entries.Count < maxBlocks
        && entry.Location.Pack == Pack
        && entry.Location.Offset == Entries[^1].Location.Offset + Entries[^1].Location.StoredLength;
}
