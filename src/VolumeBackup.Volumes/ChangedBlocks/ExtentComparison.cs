using VolumeBackup.Platform;

namespace VolumeBackup.Volumes.ChangedBlocks;

/// <summary>
/// Compares the extent maps of two reflink clones of one file. A byte is unchanged only when it lies in a hole of both
/// files, or in an extent of each whose physical address for that byte is the same (the clones still share the block)
/// and neither extent carries a flag that makes its address not a per-byte location or not final. Everything else is
/// reported as changed: a range rewritten with the same bytes is changed too, which costs a read, never correctness.
/// </summary>
public static class ExtentComparison
{
    /// <summary>Flags under which an extent's physical address does not say where each of its bytes is, or not yet.</summary>
    public const FiemapExtentBits Doubtful =
        FiemapExtentBits.Unknown | FiemapExtentBits.Delalloc | FiemapExtentBits.Encoded | FiemapExtentBits.DataEncrypted
        | FiemapExtentBits.NotAligned | FiemapExtentBits.DataInline | FiemapExtentBits.DataTail | FiemapExtentBits.Unwritten;

    /// <summary>
    /// The ranges of [0, <paramref name="length"/>) where <paramref name="newer"/> may differ from <paramref name="older"/>,
    /// sorted and merged. Both maps must be in logical order (as FIEMAP returns them).
    /// </summary>
    public static List<ByteRange> ChangedRanges(IEnumerable<FileExtent> older, IEnumerable<FileExtent> newer, long length)
    {
        var changed = new List<ByteRange>();
        using var a = new Cursor(older.GetEnumerator());
        using var b = new Cursor(newer.GetEnumerator());
        long x = 0;
        while (x < length)
        {
            a.SkipBefore(x);
            b.SkipBefore(x);
            var end = Math.Min(length, Math.Min(a.NextBoundary(x), b.NextBoundary(x)));
            if (!Unchanged(a.Covering(x), b.Covering(x), x))
            {
                Add(changed, x, end);
            }

            x = end;
        }

        return changed;
    }

    private static bool Unchanged(FileExtent? older, FileExtent? newer, long x) => (older, newer) switch
    {
        (null, null) => true, // a hole in both reads as zeros in both
        ({ } o, { } n) => (o.Flags & Doubtful) == 0 && (n.Flags & Doubtful) == 0
                          && o.Physical + (x - o.Logical) == n.Physical + (x - n.Logical),
        _ => false,
    };

    private static void Add(List<ByteRange> ranges, long start, long end)
    {
        if (ranges.Count > 0 && ranges[^1].End == start)
        {
            ranges[^1] = new ByteRange(ranges[^1].Offset, end - ranges[^1].Offset);
        }
        else
        {
            ranges.Add(new ByteRange(start, end - start));
        }
    }

    /// <summary>Walks one map: the extent that covers or follows a position.</summary>
    private sealed class Cursor(IEnumerator<FileExtent> extents) : IDisposable
    {
        private FileExtent? _current = Next(extents, null);

        /// <summary>Drops the extents that end at or before <paramref name="x"/>.</summary>
        public void SkipBefore(long x)
        {
            while (_current is { } e && e.End <= x)
            {
                _current = Next(extents, e);
            }
        }

        /// <summary>Where the state of this map changes after <paramref name="x"/> (an extent's start or end).</summary>
        public long NextBoundary(long x) => _current is not { } e ? long.MaxValue : e.Logical > x ? e.Logical : e.End;

        public FileExtent? Covering(long x) => _current is { } e && e.Logical <= x && x < e.End ? e : null;

        public void Dispose() => extents.Dispose();

        private static FileExtent? Next(IEnumerator<FileExtent> extents, FileExtent? previous)
        {
            while (extents.MoveNext())
            {
                var e = extents.Current;
                if (e.Length <= 0)
                {
                    continue;
                }

                if (previous is { } p && e.Logical < p.End)
                {
                    throw new InvalidDataException("The extent map is not in logical order.");
                }

                return e;
            }

            return null;
        }
    }
}
