using VolumeBackup.Volumes;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// The changed ranges of a backup with changed-block tracking, widened to whole blocks, sorted and merged, and walked
/// span by span. Only made when the previous backup can stand in for every other block: its root was read, with the
/// same block geometry (<see cref="PreviousBackup.TryOpenAsync"/>) and the same volume size as the source.
/// </summary>
internal sealed class ChangedBlockPlan
{
    private readonly List<(long From, long To)> _blocks; // changed block runs, sorted, not touching
    private int _next;

    private ChangedBlockPlan(List<(long From, long To)> blocks) => _blocks = blocks;

    /// <summary>The plan, or null (read the whole volume) when there are no tracked changes or no usable previous backup.</summary>
    public static ChangedBlockPlan? TryCreate(
        IReadOnlyList<ByteRange>? changed, PreviousBackup? previous, long volumeSize, int blockSize)
    {
        if (changed is null || previous is null || previous.VolumeSize != volumeSize)
        {
            return null; // a resized volume's blocks past the old end, or its last block, have nothing to carry
        }

        var totalBlocks = (volumeSize + blockSize - 1) / blockSize;
        var widened = new List<(long From, long To)>(changed.Count);
        foreach (var range in changed)
        {
            if (range.Offset < 0 || range.Length < 0)
            {
                return null; // not ranges of this volume: trust none of them
            }

            if (range.Length == 0 || range.Offset >= volumeSize)
            {
                continue;
            }

            widened.Add((range.Offset / blockSize, Math.Min(totalBlocks, (range.End + blockSize - 1) / blockSize)));
        }

        widened.Sort();
        var merged = new List<(long From, long To)>(widened.Count);
        foreach (var run in widened)
        {
            if (merged.Count > 0 && run.From <= merged[^1].To)
            {
                merged[^1] = (merged[^1].From, Math.Max(merged[^1].To, run.To));
            }
            else
            {
                merged.Add(run);
            }
        }

        return new ChangedBlockPlan(merged);
    }

    /// <summary>Blocks that may have changed.</summary>
    public long ChangedBlocks => _blocks.Sum(b => b.To - b.From);

    /// <summary>
    /// The changed block runs inside [<paramref name="firstBlock"/>, <paramref name="endBlock"/>), relative to
    /// <paramref name="firstBlock"/>. Spans must be asked for in increasing order.
    /// </summary>
    public IEnumerable<(int From, int To)> RunsIn(long firstBlock, long endBlock)
    {
        while (_next < _blocks.Count && _blocks[_next].To <= firstBlock)
        {
            _next++;
        }

        for (var i = _next; i < _blocks.Count && _blocks[i].From < endBlock; i++)
        {
            var from = Math.Max(_blocks[i].From, firstBlock);
            var to = Math.Min(_blocks[i].To, endBlock);
            yield return ((int)(from - firstBlock), (int)(to - firstBlock));
        }
    }
}
