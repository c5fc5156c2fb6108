using System.Threading.Channels;
using VolumeBackup.DataPath.Buffers;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.ObjectStores;
using VolumeBackup.Volumes;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// One restore: the <see cref="RangePlanner"/> walks the root and its segments in volume order, punches zero runs and queues coalesced
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
            () => RangePlanner.PlanAsync(store, root, maxBlocks, new RestorePlan(root, target, counter, ranges.Writer), ranges.Writer, token),
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

    /// <summary>Zero runs go straight to the target; damage in the manifest stops the restore.</summary>
    private sealed class RestorePlan(BackupManifest root, VolumeHandle target, ProgressCounter counter, ChannelWriter<FetchRange> ranges)
        : IRangePlanSink
    {
        /// <summary>Zeros become holes where the target supports it (a fresh sparse volume costs nothing) and real zeros elsewhere.</summary>
        public void Gap(long from, long to)
        {
            if (to > from)
            {
                target.Zero(from, to - from);
                counter.Add(to - from);
            }
        }

        public ValueTask AddAsync(FetchRange range, CancellationToken ct) => ranges.WriteAsync(range, ct);

        public void SegmentUnreadable(SegmentRef segment, long spanFirstBlock, long spanStart, long spanEnd, SegmentRead read) =>
            throw new DataPathException(read.Problem!);

        public void InvalidEntry(long block, long offset) =>
            throw new DataPathException(
                $"The manifest of backup {root.BackupId} is damaged: block {block} is outside the volume or its size is invalid.");
    }
}
