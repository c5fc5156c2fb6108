using VolumeBackup.Domain;
using VolumeBackup.Domain.Backups;
using VolumeBackup.ObjectStores;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Persistence.Stores;

namespace VolumeBackup.Server.Jobs;

/// <summary>
/// Delete: removes from the container what the backup alone owns (through the data path, so nothing another backup
/// needs goes), then the row. Failure: backup <c>error</c> with a fail_reason; deleting it again retries.
/// </summary>
internal sealed class DeleteBackupJobHandler(
    BackupStore backups, BackupLifecycle lifecycle, JobObjectStores stores, JobBlockIndexes indexes, JobContainerLocks locks,
    IBackupDataPath dataPath)
    : IJobHandler
{
    public string Kind => JobKind.DeleteBackup;

    public string Operation => "delete";

    public async Task RunAsync(JobExecution execution, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var backup = await backups.FindByIdAsync(execution.Job.BackupId ?? 0, ct);
        if (backup is not { Status: BackupStatus.Deleting })
        {
            await execution.CompleteAsync(_ => Task.CompletedTask, ct); // gone or ended meanwhile
            return;
        }

        // A container name no store accepts (rows from before the API checked names in bytes) never held an object:
        // there is nothing to delete, and failing here would leave the backup undeletable for ever.
        if (ObjectKeys.IsValidContainer(backup.Container))
        {
            var store = stores.Open(execution.Job, backup.TenantId, backup.Container);
            await dataPath.DeleteAsync(
                store, indexes.Open(backup.TenantId, backup.Container), RouteIds.Format(backup.Id), execution.LockOwner,
                locks.Open(backup.TenantId, backup.Container, store), ct);
        }

        await execution.CompleteAsync(c => backups.RemoveDeletingAsync(backup.Id, c), ct);
    }

    public async Task ApplyFailureAsync(JobRecord job, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.BackupId is { } backupId)
        {
            await lifecycle.TryEndAsync(backupId, BackupStatus.Deleting, BackupStatus.Error, reason, ct);
        }
    }
}
