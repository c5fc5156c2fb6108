using VolumeBackup.DataPath.Manifests;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// Blocks [<see cref="FromBlock"/>, <see cref="ToBlock"/>) of span <see cref="Span"/> that changed-block tracking says
/// are as the previous backup recorded them: their entries of the previous segment go into the new one as they are,
/// without reading the volume. Holds no copy of the entries, only the decoded previous segment.
/// </summary>
internal sealed record CarriedBlocks(long Span, Segment Previous, int FromBlock, int ToBlock, long EndOffset)
{
    /// <summary>The previous segment's entries of the carried blocks, in block order.</summary>
    public ReadOnlySpan<SegmentEntry> Entries()
    {
        var entries = Previous.Entries;
        var first = FirstAtOrAfter(entries, FromBlock);
        var end = FirstAtOrAfter(entries, ToBlock);
        return entries.AsSpan(first, end - first);
    }

    public static bool AnyEntries(Segment previous, int fromBlock, int toBlock) =>
        FirstAtOrAfter(previous.Entries, fromBlock) < FirstAtOrAfter(previous.Entries, toBlock);

    private static int FirstAtOrAfter(SegmentEntry[] entries, int block)
    {
        int low = 0, high = entries.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (entries[mid].Block < block)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}

/// <summary>What the reader hands the assembler, in volume order: a chunk read from the volume or blocks carried over.</summary>
internal readonly record struct InOrderItem(Chunk? Chunk, CarriedBlocks? Carried)
{
    public long Span => Chunk?.Span ?? Carried!.Span;
}
