using Microsoft.EntityFrameworkCore;

namespace VolumeBackup.Persistence.Jobs;

/// <summary>
/// A user's cancel of a backup's job, in guarded statements like the rest of the queue: a queued job is ended by the
/// request itself (<see cref="TryEndQueuedAsync"/>); a running one is marked (<see cref="TryRequestAsync"/>) and its
/// worker learns of it at its next heartbeat (<see cref="BeatAsync"/>). Every statement names the state it expects, so a
/// cancel racing a claim or the job's own end changes one of them and the other finds nothing to change.
/// </summary>
public sealed class JobCancellations(VolumeBackupDbContext db, JobQueue queue, TimeProvider time)
{
    /// <summary>
    /// The backup's unfinished (queued or running) job of one of <paramref name="kinds"/>, newest first; null when there
    /// is none.
    /// </summary>
    public Task<JobRecord?> FindUnfinishedAsync(long backupId, IReadOnlyCollection<string> kinds, CancellationToken ct)
    {
        var wanted = kinds.ToArray();
        return db.Jobs.AsNoTracking()
            .Where(j => j.BackupId == backupId && wanted.Contains(j.Kind)
                && (j.State == JobState.Queued || j.State == JobState.Running))
            .OrderByDescending(j => j.Id)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Ends a queued job that no worker ever claimed as cancelled with <paramref name="reason"/>, recording the request.
    /// False when it is no longer queued (a worker claimed it meanwhile) or was claimed before (it may have written
    /// something a worker must clean up: see <see cref="TryRequestAsync"/>). Joins the caller's transaction.
    /// </summary>
    public async Task<bool> TryEndQueuedAsync(long jobId, string reason, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await db.Jobs
            .Where(j => j.Id == jobId && j.State == JobState.Queued && j.Attempts == 0)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, JobState.Cancelled)
                .SetProperty(j => j.LastError, reason)
                .SetProperty(j => j.CancelRequestedAt, now)
                .SetProperty(j => j.UpdatedAt, now), ct) == 1;
    }

    /// <summary>
    /// Records a cancel request on a running job, or on a queued one that a worker already ran once (handed back at a
    /// shutdown, or put back after a lost lease: the next worker to claim it cleans up instead of running it). A request
    /// already recorded is kept (its first instant counts). False when the job ended meanwhile.
    /// </summary>
    public async Task<bool> TryRequestAsync(long jobId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await db.Jobs
            .Where(j => j.Id == jobId && (j.State == JobState.Running || (j.State == JobState.Queued && j.Attempts > 0)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.CancelRequestedAt, j => j.CancelRequestedAt ?? now)
                .SetProperty(j => j.UpdatedAt, now), ct) == 1;
    }

    /// <summary>
    /// A running job's heartbeat: renews the lease (as <see cref="JobQueue.RenewLeaseAsync"/>) and tells whether a cancel
    /// was asked for meanwhile.
    /// </summary>
    public async Task<JobHeartbeat> BeatAsync(long jobId, string workerId, TimeSpan leaseDuration, CancellationToken ct)
    {
        if (!await queue.RenewLeaseAsync(jobId, workerId, leaseDuration, ct))
        {
            return JobHeartbeat.Lost;
        }

        var requested = await db.Jobs.AsNoTracking()
            .AnyAsync(j => j.Id == jobId && j.CancelRequestedAt != null, ct);
        return requested ? JobHeartbeat.CancelRequested : JobHeartbeat.Ok;
    }

    /// <summary>
    /// Clears the backup's progress when it shows <paramref name="operation"/>: a cancelled job that changes no status
    /// (a verification) must not leave its last progress on show. False when it showed another operation or none.
    /// </summary>
    public async Task<bool> ClearProgressAsync(long backupId, string operation, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await db.Backups
            .Where(b => b.Id == backupId && b.ProgressOperation == operation)
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.ProgressOperation, (string?)null)
                .SetProperty(b => b.UpdatedAt, now), ct) == 1;
    }
}
