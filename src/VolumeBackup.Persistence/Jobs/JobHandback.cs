using Microsoft.EntityFrameworkCore;

namespace VolumeBackup.Persistence.Jobs;

/// <summary>
/// Gives a running job back to the queue without counting the attempt: for a worker that stops on purpose (graceful
/// shutdown) or meets a failure worth retrying. One guarded statement on the lease owner, like the rest of the queue.
/// </summary>
public sealed class JobHandback(VolumeBackupDbContext db, TimeProvider time)
{
    /// <summary>
    /// Puts the job back as queued and wakes the workers that may run it (PostgreSQL). <paramref name="countAttempt"/>
    /// false gives the attempt back (a shutdown is not the job's fault). False when this worker no longer held the job.
    /// </summary>
    public async Task<bool> HandBackAsync(long jobId, string workerId, bool countAttempt, string? reason, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var refund = countAttempt ? 0 : 1;
        var handedBack = await db.Jobs
            .Where(j => j.Id == jobId && j.State == JobState.Running && j.LeaseOwner == workerId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, JobState.Queued)
                .SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null)
                .SetProperty(j => j.Attempts, j => j.Attempts - refund)
                .SetProperty(j => j.LastError, reason)
                .SetProperty(j => j.UpdatedAt, now), ct) == 1;
        if (handedBack)
        {
            await JobWakeups.NotifyForJobAsync(db, jobId, ct);
        }

        return handedBack;
    }

    /// <summary>
    /// Puts the job back as queued, not to be claimed before <paramref name="notBefore"/>, giving the attempt back: for a
    /// job that found its container busy (a sweep running), so that it waits in the queue rather than in a worker.
    /// No wake-up is sent: nobody may take the job before <paramref name="notBefore"/>, and the workers' polling finds
    /// it after (at most one poll interval late). False when this worker no longer held the job.
    /// </summary>
    public async Task<bool> DeferAsync(long jobId, string workerId, DateTimeOffset notBefore, string reason, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await db.Jobs
            .Where(j => j.Id == jobId && j.State == JobState.Running && j.LeaseOwner == workerId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, JobState.Queued)
                .SetProperty(j => j.NotBefore, notBefore)
                .SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null)
                .SetProperty(j => j.Attempts, j => j.Attempts - 1)
                .SetProperty(j => j.LastError, reason)
                .SetProperty(j => j.UpdatedAt, now), ct) == 1;
    }

    /// <summary>
    /// Failed jobs of <paramref name="kind"/> whose backup is still in <paramref name="backupStatus"/>: work a worker gave
    /// up on (its lease ran out too often) that nobody has cleaned up yet. Only a backup's latest job counts: a newer one owns the status now. Oldest first, at most <paramref name="limit"/>.
    /// Cancelled jobs are never stranded: a cancel writes its end statuses in the transaction that ends the job.
    /// </summary>
    public Task<List<JobRecord>> FindStrandedAsync(string kind, string backupStatus, int limit, CancellationToken ct) =>
        db.Jobs.AsNoTracking()
            .Where(j => j.State == JobState.Failed && j.Kind == kind
                && db.Backups.Any(b => b.Id == j.BackupId && b.Status == backupStatus)
                && !db.Jobs.Any(later => later.BackupId == j.BackupId && later.Id > j.Id))
            .OrderBy(j => j.Id)
            .Take(limit)
            .ToListAsync(ct);

    /// <summary>
    /// Failed volume jobs of <paramref name="kind"/> (create or delete on the volume's host) whose volume is still in
    /// <paramref name="volumeStatus"/>: the volume twin of <see cref="FindStrandedAsync"/>. Only a volume's latest job
    /// counts. Oldest first, at most <paramref name="limit"/>.
    /// </summary>
    public Task<List<JobRecord>> FindStrandedVolumeJobsAsync(string kind, string volumeStatus, int limit, CancellationToken ct) =>
        db.Jobs.AsNoTracking()
            .Where(j => j.State == JobState.Failed && j.Kind == kind
                && db.Volumes.Any(v => v.Id == j.VolumeId && v.Status == volumeStatus)
                && !db.Jobs.Any(later => later.VolumeId == j.VolumeId && later.Id > j.Id))
            .OrderBy(j => j.Id)
            .Take(limit)
            .ToListAsync(ct);
}
