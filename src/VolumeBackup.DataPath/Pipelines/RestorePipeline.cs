using System.Threading.Channels;
using VolumeBackup.DataPath.Buffers;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.ObjectStores;
using VolumeBackup.Volumes;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// One restore: the planner walks the root and its segments in volume order, punches zero runs and queues coalesced
/// ranged GETs; several <see cref="RangeFetcher"/>s fetch, decompress and verify every block's hash, and only then hand the
/// range to the <see cref="RangeWriter"/>s.
/// </summary>
internal sealed class RestorePipeline(DataPathOptions options)
{
    public async Task RunAsync(
        IObjectStore store, string backupId, VolumeHandle target, IProgress<TransferProgress>? progress, CancellationToken ct)
    {
        var root = await ManifestReader.ReadRootAsync(store, backupId, ct);
        if (target.Length < root.VolumeSize)
        {
            throw new RestoreTargetTooSmallException(
                $"The target volume ({target.Length} bytes) is smaller than backup {backupId} ({root.VolumeSize} bytes).");
        }

        var counter = new ProgressCounter(root.VolumeSize, progress);
        var maxBlocks = Math.Max(1, options.RestoreRangeBytes / root.BlockSize);

        // One writer through the page cache: concurrent buffered writes to one file only contend for its inode lock, on
        // which the kernel spins with CPU the fetchers need. Direct writes sleep instead, and two keep a device busy.
        var writers = target.WritesDirect ? 2 : 1;
        var plainPool = new BoundedPool<AlignedBuffer>(
            options.DownloadConcurrency + writers + 1, () => new AlignedBuffer(maxBlocks * root.BlockSize, VolumeHandle.DirectWriteAlignment));
        var ranges = Channel.CreateBounded<FetchRange>(options.DownloadConcurrency * 2);
        var decoded = Channel.CreateBounded<DecodedRange>(writers);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var token = cts.Token;
        var stages = new List<Func<Task>>
        {
            () => PlanAsync(store, root, target, ranges.Writer, counter, maxBlocks, token),
            () => PipelineTasks.RunSideBySideAsync(
                options.DownloadConcurrency,
                () => new RangeFetcher(store, root, maxBlocks, plainPool).RunAsync(ranges.Reader, decoded.Writer, token),
                decoded.Writer),
        };
        for (var i = 0; i < writers; i++)
        {
            var writer = new RangeWriter(root, target, counter, plainPool);
            stages.Add(() => writer.RunAsync(decoded.Reader, token));
        }

        await PipelineTasks.RunAsync(cts, stages);
        target.Flush();
    }

    private static async Task PlanAsync(
        IObjectStore store, BackupManifest root, VolumeHandle target, ChannelWriter<FetchRange> ranges,
        ProgressCounter counter, int maxBlocks, CancellationToken ct)
    {
        Exception? failure = null;
        try
        {
            long bs = root.BlockSize;
            var spanBytes = bs * root.SegmentBlocks;
            var spans = (root.VolumeSize + spanBytes - 1) / spanBytes;
            var segments = root.Segments.ToDictionary(s => s.Index, s => Hash256.Parse(s.Hash));
            for (long span = 0; span < spans; span++)
            {
                var spanStart = span * spanBytes;
                var spanEnd = Math.Min(spanStart + spanBytes, root.VolumeSize);
                if (!segments.TryGetValue(span, out var hash))
                {
                    ZeroRun(target, counter, spanStart, spanEnd);
                    continue;
                }

                var segment = await ManifestReader.ReadSegmentAsync(store, hash, root.SegmentBlocks, root.BackupId, ct);
                var spanFirstBlock = span * root.SegmentBlocks;
                var cursor = spanStart;
                FetchRange? range = null;
                foreach (var entry in segment.Entries)
                {
                    var offset = (spanFirstBlock + entry.Block) * bs;
                    if (offset >= root.VolumeSize || entry.Location.StoredLength == 0 || entry.Location.StoredLength > bs)
                    {
                        throw new DataPathException(
                            $"The manifest of backup {root.BackupId} is damaged: block {spanFirstBlock + entry.Block} " +
                            "is outside the volume or its size is invalid.");
                    }

                    ZeroRun(target, counter, cursor, offset);
                    cursor = Math.Min(offset + bs, root.VolumeSize);
                    if (range is not null && !range.CanAppend(entry, maxBlocks))
                    {
                        await ranges.WriteAsync(range, ct);
                        range = null;
                    }

                    range ??= new FetchRange(entry.Location.Pack, spanFirstBlock);
                    range.Entries.Add(entry);
                }

                if (range is not null)
                {
                    await ranges.WriteAsync(range, ct);
                }

                ZeroRun(target, counter, cursor, spanEnd);
            }
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

    /// <summary>Zeros become holes where the target supports it (a fresh sparse volume costs nothing) and real zeros elsewhere.</summary>
    private static void ZeroRun(VolumeHandle target, ProgressCounter counter, long from, long to)
    {
        if (to > from)
        {
            target.Zero(from, to - from);
            counter.Add(to - from);
        }
    }
}
