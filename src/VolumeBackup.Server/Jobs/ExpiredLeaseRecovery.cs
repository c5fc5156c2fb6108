using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Persistence;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Server.Identity.Trusts;
using VolumeBackup.Server.Telemetry;

namespace VolumeBackup.Server.Jobs;

/// <summary>
/// One recovery pass. (1) Running jobs whose lease ran out are queued again (attempts left: the next worker resumes
/// them) or failed. (2) Failed jobs whose backup (for volume jobs: volume) still shows the job's transitional status
/// get the handler's failure statuses: backup error with a fail_reason, volume unlocked. Step 2 also catches jobs failed
/// by a claimer's own reclaim, so nothing stays in creating, restoring or deleting, whichever node noticed the crash.
/// (3) Finished jobs that still name a Keystone trust (a crash or a Keystone outage when they ended) get it deleted.
/// </summary>
internal sealed class ExpiredLeaseRecovery(
    VolumeBackupDbContext db, JobQueue queue, JobHandback jobs, IEnumerable<IJobHandler> handlers, UserStoreTrusts trusts,
    VolumeBackupMetrics metrics, ILogger<ExpiredLeaseRecovery> logger)
{
    private const int BatchSize = 100;

    /// <summary>Returns how many jobs were queued again and how many backups were ended in error.</summary>
    public async Task<(int Requeued, int Failed)> RunAsync(CancellationToken ct)
    {
        var reclaimed = await queue.ReclaimExpiredAsync(ct);
        if (reclaimed.Requeued > 0)
        {
            logger.LeasesReclaimed(reclaimed.Requeued);
            metrics.LeaseRecovered(LeaseRecoveryResults.Requeued, reclaimed.Requeued);
        }

        var failed = 0;
        foreach (var (kind, status) in Stranded)
        {
            failed += await EndStrandedAsync(kind, jobs.FindStrandedAsync(kind, status, BatchSize, ct), keepJobError: false, ct);
        }

        foreach (var (kind, status) in StrandedVolumeJobs)
        {
            failed += await EndStrandedAsync(kind, jobs.FindStrandedVolumeJobsAsync(kind, status, BatchSize, ct), keepJobError: true, ct);
        }

        metrics.LeaseRecovered(LeaseRecoveryResults.Failed, failed);
        var swept = await trusts.SweepAsync(queue, BatchSize, ct);
        if (swept > 0)
        {
            logger.TrustsSwept(swept);
        }

        return (reclaimed.Requeued, failed);
    }

    // keepJobError: a volume job failed for a reason of its own keeps it on the volume; otherwise the lost leases are the reason.
    private async Task<int> EndStrandedAsync(string kind, Task<List<JobRecord>> stranded, bool keepJobError, CancellationToken ct)
    {
        var handler = handlers.First(h => h.Kind == kind);
        var failed = 0;
        foreach (var job in await stranded)
        {
            var reason = (keepJobError ? job.LastError : null) ?? FailReasons.LeaseExpired(handler.Operation, job.Attempts);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await handler.ApplyFailureAsync(job, reason, ct);
            await transaction.CommitAsync(ct);
            failed++;
            logger.LeaseRecoveryGaveUp(job.Id, job.Kind, job.Attempts, job.BackupId);
        }

        return failed;
    }

    private static readonly (string Kind, string Status)[] Stranded =
    [
        (JobKind.CreateBackup, BackupStatus.Creating),
        (JobKind.RestoreBackup, BackupStatus.Restoring),
        (JobKind.DeleteBackup, BackupStatus.Deleting),
    ];

    // Volume jobs (a volume made or deleted on another node's behalf) leave their volume creating or deleting.
    private static readonly (string Kind, string Status)[] StrandedVolumeJobs =
    [
        (JobKind.CreateVolume, VolumeStatus.Creating),
        (JobKind.DeleteVolume, VolumeStatus.Deleting),
    ];
}
