using VolumeBackup.DataPath;
using VolumeBackup.Persistence;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Server.Identity.Trusts;

namespace VolumeBackup.Server.Jobs;

/// <summary>
/// One claimed job as its handler sees it: where to report progress, and the one way to end it. Ending writes the
/// handler's status changes and the job's final state in one transaction that first renews the lease, so a worker
/// that lost its job (lease expired, job given to another) changes nothing.
/// </summary>
internal sealed class JobExecution(
    JobRecord job, string workerId, TimeSpan leaseDuration, VolumeBackupDbContext db, JobQueue queue, IProgress<JobProgress> progress)
{
    public JobRecord Job => job;

    public string WorkerId => workerId;

    public IProgress<JobProgress> Progress => progress;

    /// <summary>The owner named in the container locks the job takes; they count only while this worker holds the job.</summary>
    public ILockOwner? LockOwner { get; init; }

    /// <summary>Deletes the job's Keystone trust once the job ended for good (user-mode Swift with Keystone).</summary>
    public UserStoreTrusts? Trusts { get; init; }

    /// <summary>Applies <paramref name="changes"/> and marks the job done. False when the lease was lost (nothing changed).</summary>
    public Task<bool> CompleteAsync(Func<CancellationToken, Task> changes, CancellationToken ct) =>
        EndAsync(changes, c => queue.CompleteAsync(job.Id, workerId, c), ct);

    /// <summary>Applies <paramref name="changes"/> and marks the job failed with <paramref name="error"/>. False when the lease was lost.</summary>
    public Task<bool> FailAsync(Func<CancellationToken, Task> changes, string error, CancellationToken ct) =>
        EndAsync(changes, c => queue.FailAsync(job.Id, workerId, error, c), ct);

    /// <summary>
    /// Applies <paramref name="changes"/> and marks the job cancelled with <paramref name="reason"/> (a user's cancel, told
    /// apart from a failure in the jobs table and the metrics). False when the lease was lost.
    /// </summary>
    public Task<bool> CancelAsync(Func<CancellationToken, Task> changes, string reason, CancellationToken ct) =>
        EndAsync(changes, c => queue.CancelAsync(job.Id, workerId, reason, c), ct);

    private async Task<bool> EndAsync(Func<CancellationToken, Task> changes, Func<CancellationToken, Task<bool>> end, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await queue.RenewLeaseAsync(job.Id, workerId, leaseDuration, ct))
        {
            return false; // disposing the transaction rolls it back
        }

        await changes(ct);
        if (!await end(ct))
        {
            return false;
        }

        await transaction.CommitAsync(ct);
        if (Trusts is not null)
        {
            // After the commit: a crash before this leaves the trust to the sweep, never a job without its trust.
            await Trusts.ReleaseAsync(queue, job.Id, job.TrustId, CancellationToken.None);
        }

        return true;
    }
}
