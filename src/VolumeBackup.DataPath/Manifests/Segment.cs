namespace VolumeBackup.DataPath.Manifests;

/// <summary>
/// A decoded segment: the stored blocks of one span of the volume in block order. Blocks it does not list are all zero.
/// </summary>
public sealed class Segment
{
    private readonly int[] _positionOfBlock;

    public Segment(SegmentEntry[] entries, int spanBlocks)
    {
        Entries = entries;
        _positionOfBlock = new int[spanBlocks];
        Array.Fill(_positionOfBlock, -1);
        for (var i = 0; i < entries.Length; i++)
        {
            _positionOfBlock[entries[i].Block] = i;
        }
    }

    public SegmentEntry[] Entries { get; }

    /// <summary>The entry for block <paramref name="block"/> of the span, if it was stored (not zero).</summary>
    public bool TryFind(int block, out SegmentEntry entry)
    {
        var position = (uint)block < (uint)_positionOfBlock.Length ? _positionOfBlock[block] : -1;
        entry = position >= 0 ? Entries[position] : default;
        return position >= 0;
    }
}
