using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;

namespace VolumeBackup.Persistence.Jobs;

/// <summary>
/// The durable job queue on the metadata database. Every state change is one guarded statement, so any number of
/// workers on any number of nodes may call it at once: a job is claimed by exactly one of them.
/// Scoped: it works on the caller's <see cref="VolumeBackupDbContext"/>, so <see cref="EnqueueAsync"/> joins the
/// caller's transaction (intent and job commit together, or neither does).
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "It is a queue of jobs; the name says what it is.")]
public sealed class JobQueue(VolumeBackupDbContext db, TimeProvider time)
{
    // More than the claimers that can race for the same rows at one instant (workers times nodes, mostly idle), so a
    // claim finds a free candidate among them; the rest are found by the next claim.
    private const int CandidatesPerClaim = 64;

    /// <summary>
    /// Adds a queued job and saves it, and on PostgreSQL wakes the workers that may run it (<see cref="JobWakeups"/>).
    /// Inside a transaction the caller opened (<c>db.Database.BeginTransactionAsync</c>) both commit with that
    /// transaction: no worker hears of a job that was rolled back.
    /// </summary>
    public async Task<JobRecord> EnqueueAsync(NewJob job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        var now = time.GetUtcNow();
        var record = new JobRecord
        {
            Kind = job.Kind,
            BackupId = job.BackupId,
            VolumeId = job.VolumeId,
            TenantId = job.TenantId,
            TargetHost = job.TargetHost,
            State = JobState.Queued,
            MaxAttempts = Math.Max(1, job.MaxAttempts),
            Payload = job.Payload,
            TrustId = job.TrustId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Jobs.Add(record);
        await db.SaveChangesAsync(ct);
        db.Entry(record).State = EntityState.Detached;
        await JobWakeups.NotifyAsync(db, record.TargetHost, ct);
        return record;
    }

    /// <summary>
    /// Claims a queued job this worker may run (its <paramref name="host"/> or any host) under a lease of
    /// <paramref name="leaseDuration"/>, first putting back jobs whose lease ran out. Null when there is none.
    /// Fair between tenants: the oldest eligible job of the tenant with the fewest running jobs (on every node; jobs
    /// without a tenant count as one more tenant), so a tenant's hundred queued backups do not hold up another's one.
    /// </summary>
    public async Task<JobRecord?> TryClaimNextAsync(string workerId, string host, TimeSpan leaseDuration, CancellationToken ct)
    {
        await ReclaimExpiredAsync(ct);
        return db.Provider == DatabaseProvider.Postgres
            ? await ClaimWithRowLockAsync(workerId, host, leaseDuration, ct)
            : await ClaimWithCompareAndSetAsync(workerId, host, leaseDuration, ct);
    }

    /// <summary>Heartbeat: extends the lease. False when this worker no longer holds the job (stop working on it).</summary>
    public async Task<bool> RenewLeaseAsync(long jobId, string workerId, TimeSpan leaseDuration, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var expires = now + leaseDuration;
        var rows = await db.Jobs
            .Where(j => j.Id == jobId && j.State == JobState.Running && j.LeaseOwner == workerId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.LeaseExpiresAt, expires)
                .SetProperty(j => j.HeartbeatAt, now)
                .SetProperty(j => j.UpdatedAt, now), ct);
        return rows == 1;
    }

    /// <summary>Marks the job done. False when this worker no longer held it.</summary>
    public Task<bool> CompleteAsync(long jobId, string workerId, CancellationToken ct) =>
        FinishAsync(jobId, workerId, JobState.Done, null, ct);

    /// <summary>Marks the job failed for good with <paramref name="error"/>. False when this worker no longer held it.</summary>
    public Task<bool> FailAsync(long jobId, string workerId, string error, CancellationToken ct) =>
        FinishAsync(jobId, workerId, JobState.Failed, error, ct);

    /// <summary>
    /// Marks the job cancelled with <paramref name="reason"/>: a user's cancel stopped it, not a failure. False when this
    /// worker no longer held it.
    /// </summary>
    public Task<bool> CancelAsync(long jobId, string workerId, string reason, CancellationToken ct) =>
        FinishAsync(jobId, workerId, JobState.Cancelled, reason, ct);

    /// <summary>
    /// Puts running jobs whose lease ran out back in the queue, or fails them when they used all their attempts.
    /// Safe to run concurrently: each job changes in one guarded statement.
    /// </summary>
    public async Task<ReclaimResult> ReclaimExpiredAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var expired = await db.Jobs.AsNoTracking()
            .Where(j => j.State == JobState.Running && j.LeaseExpiresAt < now)
            .ToListAsync(ct);
        var requeued = 0;
        var givenUp = new List<JobRecord>();
        foreach (var job in expired)
        {
            var exhausted = job.Attempts >= job.MaxAttempts;
            var state = exhausted ? JobState.Failed : JobState.Queued;
            var error = exhausted ? $"The worker's lease expired after {job.Attempts} attempts." : job.LastError;
            var rows = await db.Jobs
                .Where(j => j.Id == job.Id && j.State == JobState.Running && j.LeaseOwner == job.LeaseOwner
                    && j.LeaseExpiresAt == job.LeaseExpiresAt)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.State, state)
                    .SetProperty(j => j.LeaseOwner, (string?)null)
                    .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null)
                    .SetProperty(j => j.LastError, error)
                    .SetProperty(j => j.UpdatedAt, now), ct);
            if (rows == 0)
            {
                continue; // renewed or reclaimed by someone else meanwhile
            }

            if (exhausted)
            {
                job.State = JobState.Failed;
                job.LastError = error;
                givenUp.Add(job);
            }
            else
            {
                requeued++;
                await JobWakeups.NotifyAsync(db, job.TargetHost, ct);
            }
        }

        return new ReclaimResult(requeued, givenUp);
    }

    /// <summary>
    /// Whether <paramref name="workerId"/> still holds the running job under a lease that lasts past
    /// <paramref name="until"/>: what makes a container lock written for that job live (see the data path's ILockOwner).
    /// </summary>
    public Task<bool> IsHeldAsync(long jobId, string workerId, DateTimeOffset until, CancellationToken ct) =>
        db.Jobs.AsNoTracking().AnyAsync(
            j => j.Id == jobId && j.State == JobState.Running && j.LeaseOwner == workerId && j.LeaseExpiresAt > until, ct);

    /// <summary>
    /// At a node's start: the leases its previous process still holds (owners that start with <paramref name="ownerPrefix"/>
    /// and that <paramref name="isStopped"/> confirms gone) are ended now, as if they had run out, so <see cref="ReclaimExpiredAsync"/> queues those jobs again at once and their container locks stop
    /// counting. Returns how many leases were ended.
    /// </summary>
    public async Task<int> ExpireLeasesOfStoppedOwnersAsync(
        string ownerPrefix, Func<string, bool> isStopped, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var running = await db.Jobs.AsNoTracking()
            .Where(j => j.State == JobState.Running && j.LeaseOwner != null && j.LeaseOwner.StartsWith(ownerPrefix))
            .Select(j => new { j.Id, j.LeaseOwner })
            .ToListAsync(ct);
        var ended = 0;
        foreach (var job in running.Where(j => isStopped(j.LeaseOwner!)))
        {
            ended += await db.Jobs
                .Where(j => j.Id == job.Id && j.State == JobState.Running && j.LeaseOwner == job.LeaseOwner)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseExpiresAt, now - TimeSpan.FromMilliseconds(1)), ct);
        }

        return ended;
    }

    /// <summary>Finished jobs (done, failed or cancelled) that still name a trust: the trusts to delete. Oldest first.</summary>
    public Task<List<JobRecord>> FindFinishedWithTrustAsync(int limit, CancellationToken ct) =>
        db.Jobs.AsNoTracking()
            .Where(j => j.TrustId != null
                && (j.State == JobState.Done || j.State == JobState.Failed || j.State == JobState.Cancelled))
            .OrderBy(j => j.Id)
            .Take(limit)
            .ToListAsync(ct);

    /// <summary>Whether a backup policy holds this trust: its jobs use it, and it is deleted with the policy, not with them.</summary>
    public Task<bool> IsPolicyTrustAsync(string trustId, CancellationToken ct) =>
        db.BackupPolicies.AnyAsync(p => p.TrustId == trustId, ct);

    /// <summary>Whether a queued or running job still works under this trust.</summary>
    public Task<bool> HasUnfinishedWithTrustAsync(string trustId, CancellationToken ct) =>
        db.Jobs.AnyAsync(j => j.TrustId == trustId && (j.State == JobState.Queued || j.State == JobState.Running), ct);

    /// <summary>Forgets the job's trust once it was deleted (guarded on the id, so a newer trust is never forgotten).</summary>
    public async Task<bool> ForgetTrustAsync(long jobId, string trustId, CancellationToken ct) =>
        await db.Jobs.Where(j => j.Id == jobId && j.TrustId == trustId)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.TrustId, (string?)null), ct) == 1;

    /// <summary>The job, or null when there is none with that id.</summary>
    public Task<JobRecord?> FindAsync(long jobId, CancellationToken ct) =>
        db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, ct);

    private async Task<bool> FinishAsync(long jobId, string workerId, string state, string? error, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var rows = await db.Jobs
            .Where(j => j.Id == jobId && j.State == JobState.Running && j.LeaseOwner == workerId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, state)
                .SetProperty(j => j.LastError, error)
                .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null)
                .SetProperty(j => j.UpdatedAt, now), ct);
        return rows == 1;
    }

    // PostgreSQL: lock one candidate row and skip rows other claimers hold, so claimers never wait on each other.
    // Running jobs are few (workers times nodes) and counted through the (State, ...) indexes; the queued ones are read
    // by State and ordered by their tenant's count, then age. The inner LIMIT lets that ordering be an in-memory top-N
    // sort (a sort under FOR UPDATE would sort every eligible row); the outer query locks the first of those candidates
    // that no other claimer holds. Cost grows with the eligible queued rows: about 40 ms at 33,000 of them, a few
    // microseconds per row (docs/architecture.md). Two claimers at once may both count a tenant at zero and each take
    // one of its jobs: fairness is per claim, not a global lock. Tenant ids are never empty, so '' stands for jobs
    // without a tenant and lets the join be a hash join.
    private async Task<JobRecord?> ClaimWithRowLockAsync(string workerId, string host, TimeSpan leaseDuration, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var candidate = await db.Jobs
            .FromSql($"""
                SELECT j.* FROM (
                    SELECT q."Id", coalesce(r."Running", 0) AS "Running" FROM "Jobs" AS q
                    LEFT JOIN (
                        SELECT coalesce("TenantId", '') AS "Tenant", count(*) AS "Running"
                        FROM "Jobs" WHERE "State" = 'running' GROUP BY 1
                    ) AS r ON r."Tenant" = coalesce(q."TenantId", '')
                    WHERE q."State" = 'queued' AND (q."TargetHost" IS NULL OR q."TargetHost" = {host})
                      AND (q."NotBefore" IS NULL OR q."NotBefore" <= {now})
                    ORDER BY 2, q."Id" LIMIT {CandidatesPerClaim}
                ) AS c
                JOIN "Jobs" AS j ON j."Id" = c."Id"
                WHERE j."State" = 'queued'
                ORDER BY c."Running", c."Id"
                LIMIT 1 FOR UPDATE OF j SKIP LOCKED
                """)
            .AsNoTracking()
            .FirstOrDefaultAsync(ct);
        if (candidate is null)
        {
            return null;
        }

        var claimed = await TryTakeAsync(candidate.Id, workerId, leaseDuration, ct);
        await transaction.CommitAsync(ct);
        return claimed;
    }

    // SQLite has one writer at a time: pick candidates in fair order, then take the first one whose state is still
    // queued. A tenant's running jobs are counted per candidate; EF's null semantics make a null tenant its own group.
    private async Task<JobRecord?> ClaimWithCompareAndSetAsync(
        string workerId, string host, TimeSpan leaseDuration, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var candidates = await db.Jobs.AsNoTracking()
            .Where(j => j.State == JobState.Queued && (j.TargetHost == null || j.TargetHost == host)
                && (j.NotBefore == null || j.NotBefore <= now))
            .OrderBy(j => db.Jobs.Count(r => r.State == JobState.Running && r.TenantId == j.TenantId))
            .ThenBy(j => j.Id)
            .Select(j => j.Id)
            .Take(8)
            .ToListAsync(ct);
        foreach (var id in candidates)
        {
            var claimed = await TryTakeAsync(id, workerId, leaseDuration, ct);
            if (claimed is not null)
            {
                return claimed;
            }
        }

        return null;
    }

    private async Task<JobRecord?> TryTakeAsync(long jobId, string workerId, TimeSpan leaseDuration, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var expires = now + leaseDuration;
        var rows = await db.Jobs
            .Where(j => j.Id == jobId && j.State == JobState.Queued)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, JobState.Running)
                .SetProperty(j => j.NotBefore, (DateTimeOffset?)null)
                .SetProperty(j => j.LeaseOwner, workerId)
                .SetProperty(j => j.LeaseExpiresAt, expires)
                .SetProperty(j => j.HeartbeatAt, now)
                .SetProperty(j => j.ClaimedAt, now)
                .SetProperty(j => j.Attempts, j => j.Attempts + 1)
                .SetProperty(j => j.UpdatedAt, now), ct);
        // Once the claim committed, reading it back must not be cancelled: a worker stopping now would otherwise hold a
        // job it never learns of, which stays running until its lease runs out instead of being handed back at once.
        return rows == 1 ? await FindAsync(jobId, CancellationToken.None) : null;
    }
}
