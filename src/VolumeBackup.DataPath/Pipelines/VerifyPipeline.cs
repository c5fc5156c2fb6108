using System.Threading.Channels;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// One verification: the <see cref="RangePlanner"/> walks the root and its segments as a restore does, several
/// <see cref="RangeVerifier"/>s fetch and check every range, and nothing is written. Unlike a restore it does not stop at
/// damage: every block that cannot be read back is recorded, so the report says how much of the backup is lost.
/// Memory is bounded like a restore's: a bounded channel of ranges and one range buffer plus one block per verifier.
/// </summary>
internal sealed class VerifyPipeline(DataPathOptions options)
{
    public async Task<VerifyResult> RunAsync(
        IObjectStore store, string backupId, IProgress<TransferProgress>? progress, CancellationToken ct)
    {
        var root = await ManifestReader.ReadRootAsync(store, backupId, ct);
        var counter = new ProgressCounter(root.VolumeSize, progress);
        var findings = new VerifyFindings();
        var maxBlocks = Math.Max(1, options.RestoreRangeBytes / root.BlockSize);
        var ranges = Channel.CreateBounded<FetchRange>(options.DownloadConcurrency * 2);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var token = cts.Token;
        var stages = new List<Func<Task>>
        {
            () => RangePlanner.PlanAsync(store, root, maxBlocks, new VerifyPlan(root, counter, findings, ranges.Writer), ranges.Writer, token),
            () => PipelineTasks.RunSideBySideAsync<FetchRange>(
                options.DownloadConcurrency,
                () => new RangeVerifier(store, root, maxBlocks, findings, counter).RunAsync(ranges.Reader, token),
                null),
        };
        await PipelineTasks.RunAsync(cts, stages);
        return findings.ToResult(backupId, root.VolumeSize);
    }

    /// <summary>Zero runs are done at once; damage in the manifest is recorded and the walk goes on.</summary>
    private sealed class VerifyPlan(BackupManifest root, ProgressCounter counter, VerifyFindings findings, ChannelWriter<FetchRange> ranges)
        : IRangePlanSink
    {
        public void Gap(long from, long to) => counter.Add(to - from);

        public ValueTask AddAsync(FetchRange range, CancellationToken ct) => ranges.WriteAsync(range, ct);

        public void SegmentUnreadable(SegmentRef segment, long spanFirstBlock, long spanStart, long spanEnd, SegmentRead read)
        {
            if (read.Missing)
            {
                findings.Missing(ManifestKeys.SegmentOf(Hash256.Parse(segment.Hash)));
            }

            findings.Damaged(spanFirstBlock, spanStart, read.Missing ? DamageReasons.MissingSegment : DamageReasons.DamagedSegment);
            counter.Add(spanEnd - spanStart);
        }

        public void InvalidEntry(long block, long offset) =>
            findings.Damaged(block, Math.Min(offset, root.VolumeSize), DamageReasons.InvalidEntry);
    }
}
