using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using VolumeBackup.Persistence;
using VolumeBackup.Persistence.Jobs;

namespace VolumeBackup.Server.Telemetry;

/// <summary>
/// Queued jobs and the age of the oldest one, by kind, read from the Jobs table when scraped. A scrape reads at most
/// once per <see cref="CacheFor"/> (two small grouped queries), so several scrapers or both gauges cost one read.
/// Every node reports the same cluster-wide queue: aggregate with <c>max</c>, not <c>sum</c>.
/// </summary>
internal sealed class JobQueueGauges
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    // Kinds always reported, so an empty queue reads 0 rather than no series.
    private static readonly string[] KnownKinds =
        [JobKind.CreateBackup, JobKind.RestoreBackup, JobKind.DeleteBackup, JobKind.VerifyBackup, JobKind.CreateVolume, JobKind.DeleteVolume];

    private readonly IDbContextFactory<VolumeBackupDbContext> _contexts;
    private readonly TimeProvider _time;
    private readonly ILogger<JobQueueGauges> _logger;
    private readonly Lock _gate = new();
    private IReadOnlyList<QueuedKind> _snapshot = [];
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    public JobQueueGauges(
        VolumeBackupMetrics metrics, IDbContextFactory<VolumeBackupDbContext> contexts, TimeProvider time, ILogger<JobQueueGauges> logger)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _contexts = contexts;
        _time = time;
        _logger = logger;
        metrics.Meter.CreateObservableGauge(
            "volumebackup.jobs.queued", () => Read().Select(k => new Measurement<long>(k.Count, Tag(k.Kind))), "{job}",
            "Jobs waiting in the queue, by kind (cluster-wide).");
        metrics.Meter.CreateObservableGauge(
            "volumebackup.jobs.oldest_queued_age", () => Read().Select(k => new Measurement<double>(k.OldestAgeSeconds, Tag(k.Kind))), "s",
            "Age of the oldest queued job, by kind (0 when none is queued).");
    }

    /// <summary>The queue by kind, at most <see cref="CacheFor"/> old; the last good read when the database does not answer.</summary>
    internal IReadOnlyList<QueuedKind> Read()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (now - _readAt < CacheFor)
            {
                return _snapshot;
            }

            _readAt = now;
            try
            {
                _snapshot = Query(now);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _logger.QueueGaugesNotRead(e);
            }

            return _snapshot;
        }
    }

    private List<QueuedKind> Query(DateTimeOffset now)
    {
        using var db = _contexts.CreateDbContext();

        // Ids grow with creation, so the smallest queued id of a kind is its oldest job (Min over ids works on every provider).
        var groups = db.Jobs.AsNoTracking()
            .Where(j => j.State == JobState.Queued)
            .GroupBy(j => j.Kind)
            .Select(g => new { Kind = g.Key, Count = g.Count(), OldestId = g.Min(j => j.Id) })
            .ToList();
        var oldestIds = groups.Select(g => g.OldestId).ToList();
        var createdAt = db.Jobs.AsNoTracking()
            .Where(j => oldestIds.Contains(j.Id))
            .Select(j => new { j.Id, j.CreatedAt })
            .ToList()
            .ToDictionary(j => j.Id, j => j.CreatedAt);
        var byKind = groups.ToDictionary(
            g => g.Kind,
            g => new QueuedKind(g.Kind, g.Count, createdAt.TryGetValue(g.OldestId, out var at) ? Math.Max(0, (now - at).TotalSeconds) : 0),
            StringComparer.Ordinal);
        foreach (var kind in KnownKinds)
        {
            byKind.TryAdd(kind, new QueuedKind(kind, 0, 0));
        }

        return [.. byKind.Values.OrderBy(k => k.Kind, StringComparer.Ordinal)];
    }

    private static KeyValuePair<string, object?> Tag(string kind) => new(VolumeBackupMetrics.KindTag, kind);
}
