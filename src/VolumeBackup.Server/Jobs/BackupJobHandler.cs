using VolumeBackup.DataPath;
using VolumeBackup.Domain;
using VolumeBackup.Domain.Backups;
using VolumeBackup.ObjectStores;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Jobs.Sources;
using VolumeBackup.Server.Telemetry;

namespace VolumeBackup.Server.Jobs;

/// <summary>
/// Create: reads the volume (locked <c>backing-up</c> by the API), or the snapshot taken of it for this backup
/// (<see cref="BackupSources"/>), into the backup's container, creating the container when missing; then, in one
/// transaction, backup <c>creating</c> -> <c>available</c> with its object count and the volume back to <c>in-use</c> when
/// it is still attached, else <c>available</c>. Failure: backup <c>error</c> with a fail_reason, the backup's snapshot
/// removed, the volume back likewise. A backup force-deleted while its job ran has what the job wrote removed again.
/// </summary>
internal sealed class BackupJobHandler(
    BackupStore backups, VolumeStore volumes, BackupLifecycle lifecycle, BackupSources sources, JobObjectStores stores,
    JobBlockIndexes indexes, JobContainerLocks locks, IBackupDataPath dataPath, VolumeBackupMetrics metrics) : IJobHandler
{
    public string Kind => JobKind.CreateBackup;

    public string Operation => "backup";

    public async Task RunAsync(JobExecution execution, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var backup = await backups.FindByIdAsync(execution.Job.BackupId ?? 0, ct);
        if (backup is not { Status: BackupStatus.Creating })
        {
            // Ended meanwhile (an admin force-deleted or reset it before the job began): nothing to back up, but the
            // volume was locked backing-up for this job and must get its status back.
            await execution.CompleteAsync(
                c => execution.Job.VolumeId is { } locked ? volumes.TryEndBackingUpAsync(locked, c) : Task.FromResult(false),
                ct);
            return;
        }

        var store = stores.Open(execution.Job, backup.TenantId, backup.Container);
        try
        {
            await store.EnsureContainerAsync(ct);
        }
        catch (ObjectStoreException e) when (e.Kind == ObjectStoreErrorKind.Failed)
        {
            // The store's own kind says the request was refused for good; naming the container tells the user which
            // of their names to change. Outages, a full store and denied access keep their own words (FailReasons).
            throw new JobFailedException($"The backup failed: container {backup.Container} could not be created in the object store.", e);
        }

        var volume = await volumes.FindAsync(backup.TenantId, backup.VolumeId, ct)
            ?? throw new JobFailedException("The backup failed: its volume no longer exists.");
        var previous = await lifecycle.FindPreviousAsync(backup.VolumeId, backup.Container, backup.Id, ct);
        var descriptor = new BackupDescriptor(
            RouteIds.Format(backup.Id), RouteIds.Format(backup.VolumeId), backup.DisplayName, backup.DisplayDescription,
            backup.CreatedAt, previous is { } p ? RouteIds.Format(p) : null);
        BackupResult result;
        BackupSource opened;
        using (JobTracing.StartStage(JobTracing.OpenSourceStage))
        {
            opened = sources.Open(volume, backup, previous);
        }

        using (var source = opened)
        {
            using (JobTracing.StartStage(JobTracing.DataPathStage))
            {
                result = await dataPath.BackupAsync(
                    source.Handle, store, indexes.Open(backup.TenantId, backup.Container),
                    descriptor with { ChangedSincePrevious = source.ChangedRanges }, execution.Progress, execution.LockOwner,
                    locks.Open(backup.TenantId, backup.Container, store), ct);
            }

            if (await backups.FindByIdAsync(backup.Id, ct) is { Status: BackupStatus.Creating })
            {
                sources.Succeeded(volume, source);
            }
            else
            {
                // Force-deleted (or reset) while it ran: no backup will build on its snapshot, so the previous one stays.
                sources.Failed(volume, backup.Id);
            }
        }

        if (await backups.FindByIdAsync(backup.Id, ct) is not { Status: BackupStatus.Creating })
        {
            // Force-deleted while it ran: its delete job may have run before the root landed, so remove what this job
            // wrote (a delete that runs later finds nothing; both are idempotent).
            await dataPath.DeleteAsync(
                store, indexes.Open(backup.TenantId, backup.Container), descriptor.BackupId, execution.LockOwner,
                locks.Open(backup.TenantId, backup.Container, store), ct);
        }

        using var finishing = JobTracing.StartStage(JobTracing.FinishStage);
        var completed = await execution.CompleteAsync(
            async c =>
            {
                await lifecycle.TryCompleteCreateAsync(backup.Id, result.ObjectCount, result.NewStoredBytes, result.DataBytes, c);
                await volumes.TryEndBackingUpAsync(backup.VolumeId, c);
            },
            ct);
        if (completed)
        {
            metrics.BackupCompleted(result);
        }
    }

    /// <summary>
    /// A cancelled create: its snapshot goes, and so does what it wrote to the container (its root never landed; the
    /// delete of its id sweeps the packs and segments no root refers to), unless the backup is no longer
    /// <c>creating</c> (completed, or force-deleted and left to its delete job).
    /// </summary>
    public async Task CleanUpCancelledAsync(JobExecution execution, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var job = execution.Job;
        if (await backups.FindByIdAsync(job.BackupId ?? 0, ct) is not { Status: BackupStatus.Creating } backup)
        {
            return;
        }

        if (await volumes.FindByIdAsync(backup.VolumeId, ct) is { } volume)
        {
            try
            {
                sources.Failed(volume, backup.Id);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The next start removes the clone (StraySnapshots).
            }
        }

        var store = stores.Open(job, backup.TenantId, backup.Container);
        await dataPath.DeleteAsync(
            store, indexes.Open(backup.TenantId, backup.Container), RouteIds.Format(backup.Id), execution.LockOwner,
            locks.Open(backup.TenantId, backup.Container, store), ct);
    }

    public async Task ApplyFailureAsync(JobRecord job, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.BackupId is { } backupId)
        {
            await lifecycle.TryEndAsync(backupId, BackupStatus.Creating, BackupStatus.Error, reason, ct);
        }

        if (job.VolumeId is { } volumeId)
        {
            // The backup's own snapshot goes (the previous backup's stays, the base of the next one). Only this node
            // has the volume's snapshots: recovery on another node finds none, and the volume's node removes it at start.
            if (job.BackupId is { } id && await volumes.FindByIdAsync(volumeId, ct) is { } volume)
            {
                try
                {
                    sources.Failed(volume, id);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The volume must get its status back regardless; the next start removes the clone (StraySnapshots).
                }
            }

            await volumes.TryEndBackingUpAsync(volumeId, ct);
        }
    }
}
