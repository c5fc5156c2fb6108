using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Persistence;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Identity.Trusts;
using VolumeBackup.Server.Jobs;
using VolumeBackup.Server.Telemetry;

namespace VolumeBackup.Server.Operations.Backups;

/// <summary>
/// Cancels what runs on a backup (its creation, a restore from it, its verification), for both surfaces. A queued job
/// that no worker ran yet is ended here, with its end statuses, in one transaction; otherwise the request is recorded
/// on the job and its worker stops at its next heartbeat and cleans up (docs/operations.md, Cancel). Returns the
/// operation cancelled. Asking again while a cancel is under way succeeds again and changes nothing.
/// </summary>
internal sealed class BackupCancelService(
    VolumeBackupDbContext db, BackupStore backups, JobCancellations cancellations, CancelledJobs endings, JobQueue queue,
    UserStoreTrusts trusts, VolumeBackupMetrics metrics)
{
    public async Task<string> CancelAsync(string tenantId, long backupId, string shownId, CancellationToken ct)
    {
        var backup = await backups.FindAsync(tenantId, backupId, ct)
            ?? throw new FaultException(Fault.ItemNotFound(FaultMessages.BackupNotFound(shownId)));

        // Twice at most: a job claimed between the read and the guarded change is found running the second time.
        for (var round = 0; round < 2; round++)
        {
            var job = await cancellations.FindUnfinishedAsync(backup.Id, CancelledJobs.Kinds, ct);
            if (job is null)
            {
                break;
            }

            var operation = CancelledJobs.OperationOf(job.Kind)!;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (await cancellations.TryEndQueuedAsync(job.Id, CancelledJobs.ReasonFor(job), ct))
            {
                await endings.ApplyAsync(job, ct);
                await transaction.CommitAsync(ct);
                metrics.JobEndedInQueue(job.Kind, JobOutcomes.Cancelled);
                await trusts.ReleaseAsync(queue, job.Id, job.TrustId, CancellationToken.None); // no worker will use it
                return operation;
            }

            if (await cancellations.TryRequestAsync(job.Id, ct))
            {
                await transaction.CommitAsync(ct);
                return operation;
            }
        }

        throw BackupCancellation.NothingToCancel(shownId);
    }
}
