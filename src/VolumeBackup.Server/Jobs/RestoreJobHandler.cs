using VolumeBackup.Domain;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Operations.Volumes;
using VolumeBackup.Server.Telemetry;
using VolumeBackup.Volumes;

namespace VolumeBackup.Server.Jobs;

/// <summary>
/// Restore: writes the backup onto the target volume (locked <c>restoring-backup</c>; created first when the API made
/// a new one), then in one transaction backup <c>restoring</c> -> <c>available</c> and volume -> <c>available</c>.
/// Failure: the volume goes to <c>error_restoring</c> with the fail_reason; the backup goes back to <c>available</c>
/// (as in Cinder: an intact backup stays restorable after a store outage or a host failure), or to <c>error</c> with the
/// fail_reason only when its data is damaged or missing, so users see that the backup itself is bad.
/// </summary>
internal sealed class RestoreJobHandler(
    BackupStore backups, VolumeStore volumes, BackupLifecycle lifecycle, IVolumeDriver driver, JobObjectStores stores,
    JobContainerLocks locks, IBackupDataPath dataPath, VolumeBackupMetrics metrics) : IJobHandler
{
    /// <summary>The target volume's fail_reason when its backup stopped restoring before the job began.</summary>
    public const string NotStarted = "The restore did not start: its backup was reset or deleted first.";

    public string Kind => JobKind.RestoreBackup;

    public string Operation => "restore";

    public async Task RunAsync(JobExecution execution, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var job = execution.Job;
        var backup = await backups.FindByIdAsync(job.BackupId ?? 0, ct);
        if (backup is not { Status: BackupStatus.Restoring } || job.VolumeId is not { } targetId)
        {
            // Ended meanwhile (an admin reset or force-deleted the backup before the job began): the target was locked
            // for this restore and holds none of its bytes, so it must not stay restoring-backup for ever.
            await execution.CompleteAsync(
                c => job.VolumeId is { } locked
                    ? volumes.TryTransitionAsync(locked, [VolumeStatus.RestoringBackup], VolumeStatus.ErrorRestoring, c, NotStarted)
                    : Task.FromResult(false),
                ct);
            return;
        }

        var volume = await volumes.FindAsync(backup.TenantId, targetId, ct)
            ?? throw new JobFailedException("The restore failed: its target volume no longer exists.");
        var volumeId = RouteIds.Format(targetId);
        if (string.Equals(job.Payload, JobPayload.CreateVolume, StringComparison.Ordinal))
        {
            await driver.CreateAsync(volumeId, volume.SizeBytes, ct); // idempotent: a resumed job finds it made
        }

        var store = stores.Open(execution.Job, backup.TenantId, backup.Container);
        var progress = new BytesDoneProgress(execution.Progress);
        VolumeHandle opened;
        using (JobTracing.StartStage(JobTracing.OpenTargetStage))
        {
            opened = driver.Open(volume.Location(), VolumeAccess.ReadWrite);
        }

        using (var target = opened)
        {
            using (JobTracing.StartStage(JobTracing.DataPathStage))
            {
                await dataPath.RestoreAsync(
                    store, RouteIds.Format(backup.Id), target, progress, execution.LockOwner,
                    locks.Open(backup.TenantId, backup.Container, store), ct);
                target.Flush();
            }
        }

        using var finishing = JobTracing.StartStage(JobTracing.FinishStage);
        var completed = await execution.CompleteAsync(
            async c =>
            {
                await lifecycle.TryEndAsync(backup.Id, BackupStatus.Restoring, BackupStatus.Available, null, c);
                await volumes.TryTransitionAsync(targetId, [VolumeStatus.RestoringBackup], VolumeStatus.Available, c);
            },
            ct);
        if (completed)
        {
            metrics.RestoreCompleted(progress.BytesDone);
        }
    }

    public Task ApplyFailureAsync(JobRecord job, string reason, CancellationToken ct) => ApplyFailureAsync(job, reason, damagedData: false, ct);

    public async Task ApplyFailureAsync(JobRecord job, string reason, bool damagedData, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.BackupId is { } backupId)
        {
            await (damagedData
                ? lifecycle.TryEndAsync(backupId, BackupStatus.Restoring, BackupStatus.Error, reason, ct)
                : lifecycle.TryEndAsync(backupId, BackupStatus.Restoring, BackupStatus.Available, null, ct));
        }

        if (job.VolumeId is { } volumeId)
        {
            await volumes.TryTransitionAsync(volumeId, [VolumeStatus.RestoringBackup], VolumeStatus.ErrorRestoring, ct, reason);
        }
    }
}
