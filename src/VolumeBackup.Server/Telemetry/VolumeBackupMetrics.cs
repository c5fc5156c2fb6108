using System.Diagnostics;
using System.Diagnostics.Metrics;
using VolumeBackup.DataPath;
using VolumeBackup.ObjectStores.Decorators;

namespace VolumeBackup.Server.Telemetry;

/// <summary>
/// The service's counters and histograms on the meter <see cref="ObjectStoreMetrics.MeterName"/> (Prometheus names in
/// docs/operations.md). Recorded once per job by the job handlers and the worker, never inside the data path's loops.
/// The object-store counters live beside the stores (<see cref="ObjectStoreMetrics"/>), the queue gauges in
/// <see cref="JobQueueGauges"/>.
/// </summary>
internal sealed class VolumeBackupMetrics
{
    public const string KindTag = "kind";
    public const string OutcomeTag = "outcome";
    public const string ResultTag = "result";

    // No unit on the byte counters: the Prometheus exporter would append "_bytes" to names that already say it
    // (volumebackup_bytes_stored_bytes_total); the names and descriptions say bytes.
    private const string? ByteUnit = null;

    // Seconds: a job lasts from a fraction of a second (a delete) to many hours (a full backup of a large volume).
    private static readonly double[] DurationBuckets = [0.1, 0.5, 1, 5, 15, 30, 60, 300, 900, 1800, 3600, 7200, 14400, 43200, 86400];

    private readonly Counter<long> _bytesRead;
    private readonly Counter<long> _bytesStored;
    private readonly Counter<long> _bytesRestored;
    private readonly Counter<long> _bytesVerified;
    private readonly Counter<long> _blocksDeduplicated;
    private readonly Counter<long> _jobsFinished;
    private readonly Histogram<double> _jobDuration;
    private readonly Counter<long> _leaseRecoveries;

    public VolumeBackupMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        Meter = meters.Create(ObjectStoreMetrics.MeterName);
        _bytesRead = Meter.CreateCounter<long>(
            "volumebackup.bytes.read", ByteUnit, "Bytes of volumes the finished backups covered (the volume's size; reads skip unallocated and unchanged ranges).");
        _bytesStored = Meter.CreateCounter<long>(
            "volumebackup.bytes.stored", ByteUnit, "Bytes of packs, segments and roots finished backups added to their containers.");
        _bytesRestored = Meter.CreateCounter<long>(
            "volumebackup.bytes.restored", ByteUnit, "Bytes finished restores wrote onto volumes.");
        _bytesVerified = Meter.CreateCounter<long>(
            "volumebackup.bytes.verified", ByteUnit, "Bytes of backups finished verifications checked.");
        _blocksDeduplicated = Meter.CreateCounter<long>(
            "volumebackup.blocks.deduplicated", "{block}", "Non-zero blocks finished backups found already in their container and did not store again.");
        _jobsFinished = Meter.CreateCounter<long>(
            "volumebackup.jobs.finished", "{job}", "Jobs that ended, by kind and outcome (done, failed, cancelled).");
        _jobDuration = Meter.CreateHistogram(
            "volumebackup.job.duration", "s", "Run time of the jobs that ended, by kind and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _leaseRecoveries = Meter.CreateCounter<long>(
            "volumebackup.lease.recoveries", "{job}", "Jobs of lost workers the lease recovery pass handled, by result: requeued (another worker resumes them) or failed (out of attempts).");
    }

    /// <summary>The meter, owned by the DI container's meter factory (disposed with it).</summary>
    public Meter Meter { get; }

    /// <summary>A backup job that completed: bytes covered and added, blocks deduplicated.</summary>
    public void BackupCompleted(BackupResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _bytesRead.Add(result.LogicalBytes);
        _bytesStored.Add(result.NewStoredBytes);
        _blocksDeduplicated.Add(Math.Max(0, result.StoredBlocks - result.NewBlocks));
    }

    public void RestoreCompleted(long bytesWritten) => _bytesRestored.Add(bytesWritten);

    public void VerifyCompleted(long bytesChecked) => _bytesVerified.Add(bytesChecked);

    public void JobFinished(string kind, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { KindTag, kind }, { OutcomeTag, outcome } };
        _jobsFinished.Add(1, tags);
        _jobDuration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>
    /// A queued job ended before any worker ran it (a user's cancel): it counts among the jobs that ended, but has no run
    /// time to record, so the duration histogram keeps measuring work only.
    /// </summary>
    public void JobEndedInQueue(string kind, string outcome) =>
        _jobsFinished.Add(1, new TagList { { KindTag, kind }, { OutcomeTag, outcome } });

    /// <summary><paramref name="result"/>: <c>requeued</c> (another worker resumes it) or <c>failed</c> (out of attempts).</summary>
    public void LeaseRecovered(string result, int count)
    {
        if (count > 0)
        {
            _leaseRecoveries.Add(count, new KeyValuePair<string, object?>(ResultTag, result));
        }
    }
}
