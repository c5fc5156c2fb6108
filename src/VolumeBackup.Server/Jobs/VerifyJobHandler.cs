using VolumeBackup.DataPath;
using VolumeBackup.Domain;
using VolumeBackup.Domain.Backups;
using VolumeBackup.ObjectStores;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Operations.Backups;
using VolumeBackup.Server.Telemetry;

namespace VolumeBackup.Server.Jobs;

/// <summary>
/// Verify: reads back every object of the backup and checks every block (no volume, so any worker runs it), then records
/// the verdict (<c>verified</c> or <c>damaged</c>), when, and the report, in the same transaction that ends the job. The
/// backup stays <c>available</c> throughout. Failure (a store outage past its budget, an unreadable root) changes no
/// verdict: the job's last error says why, and the progress it showed is cleared.
/// </summary>
internal sealed class VerifyJobHandler(
    BackupStore backups, BackupVerifications verifications, JobObjectStores stores, JobContainerLocks locks, IBackupDataPath dataPath,
    VolumeBackupMetrics metrics)
    : IJobHandler
{
    public string Kind => JobKind.VerifyBackup;

    public string Operation => "verification";

    public async Task RunAsync(JobExecution execution, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var backup = await backups.FindByIdAsync(execution.Job.BackupId ?? 0, ct);
        if (backup is not { Status: BackupStatus.Available } || !ObjectKeys.IsValidContainer(backup.Container))
        {
            await execution.CompleteAsync(_ => Task.CompletedTask, ct); // deleted or reset meanwhile: nothing to verify
            return;
        }

        var store = stores.Open(execution.Job, backup.TenantId, backup.Container);
        VerifyResult result;
        using (JobTracing.StartStage(JobTracing.DataPathStage))
        {
            result = await dataPath.VerifyAsync(
                store, RouteIds.Format(backup.Id), execution.Progress, execution.LockOwner,
                locks.Open(backup.TenantId, backup.Container, store), ct);
        }

        using var finishing = JobTracing.StartStage(JobTracing.FinishStage);
        var verdict = result.IsDamaged ? BackupVerification.Damaged : BackupVerification.Verified;
        var report = VerificationReports.Serialize(VerificationReports.From(result));
        await execution.CompleteAsync(c => verifications.TryRecordAsync(backup.Id, verdict, report, c), ct);
        metrics.VerifyCompleted(result.BytesChecked);
    }

    public async Task ApplyFailureAsync(JobRecord job, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.BackupId is { } backupId)
        {
            await verifications.ClearProgressAsync(backupId, ct); // status and verdict stay as they were
        }
    }
}
