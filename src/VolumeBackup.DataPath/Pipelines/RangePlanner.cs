using System.Threading.Channels;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// Walks a backup's root and its segments in volume order and turns them into coalesced ranged GETs (at most
/// a given number of blocks of one pack, back to back) and zero runs; shared by restore and verification.
/// </summary>
internal static class RangePlanner
{
    /// <summary>
    /// Plans the whole volume into <paramref name="sink"/>; completes <paramref name="ranges"/> when done (with the failure, if any).
    /// </summary>
    public static async Task PlanAsync(
        IObjectStore store, BackupManifest root, int maxBlocks, IRangePlanSink sink, ChannelWriter<FetchRange> ranges, CancellationToken ct)
    {
        Exception? failure = null;
        try
        {
            await WalkAsync(store, root, maxBlocks, sink, ct);
        }
        catch (Exception e)
        {
            failure = e;
            throw;
        }
        finally
        {
            ranges.TryComplete(failure);
        }
    }

    private static async Task WalkAsync(IObjectStore store, BackupManifest root, int maxBlocks, IRangePlanSink sink, CancellationToken ct)
    {
        long bs = root.BlockSize;
        var spanBytes = bs * root.SegmentBlocks;
        var spans = (root.VolumeSize + spanBytes - 1) / spanBytes;
        var segments = root.Segments.ToDictionary(s => s.Index);
        for (long span = 0; span < spans; span++)
        {
            var spanStart = span * spanBytes;
            var spanEnd = Math.Min(spanStart + spanBytes, root.VolumeSize);
            if (!segments.TryGetValue(span, out var segmentRef))
            {
                sink.Gap(spanStart, spanEnd);
                continue;
            }

            var spanFirstBlock = span * root.SegmentBlocks;
            var read = await ManifestReader.TryReadSegmentAsync(store, Hash256.Parse(segmentRef.Hash), root.SegmentBlocks, root.BackupId, ct);
            if (read.Segment is not { } segment)
            {
                sink.SegmentUnreadable(segmentRef, spanFirstBlock, spanStart, spanEnd, read);
                continue;
            }

            var cursor = spanStart;
            FetchRange? range = null;
            foreach (var entry in segment.Entries)
            {
                var offset = (spanFirstBlock + entry.Block) * bs;
                if (offset >= root.VolumeSize || entry.Location.StoredLength == 0 || entry.Location.StoredLength > bs)
                {
                    sink.InvalidEntry(spanFirstBlock + entry.Block, offset);
                    continue;
                }

                sink.Gap(cursor, offset);
                cursor = Math.Min(offset + bs, root.VolumeSize);
                if (range is not null && !range.CanAppend(entry, maxBlocks))
                {
                    await sink.AddAsync(range, ct);
                    range = null;
                }

                range ??= new FetchRange(entry.Location.Pack, spanFirstBlock);
                range.Entries.Add(entry);
            }

            if (range is not null)
            {
                await sink.AddAsync(range, ct);
            }

            sink.Gap(cursor, spanEnd);
        }
    }
}
