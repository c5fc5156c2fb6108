using VolumeBackup.DataPath;
using VolumeBackup.ObjectStores;
using VolumeBackup.Volumes;

namespace VolumeBackup.Server.Jobs;

/// <summary>The data path of the jobs: <see cref="BackupEngine"/>, with its user-facing failures turned into fail reasons
/// ("The restore failed: " + the data path's own sentence, which names the backup, block or object).</summary>
public sealed class EngineDataPath(BackupEngine engine) : IBackupDataPath
{
    public async Task<int> BackupAsync(
        VolumeHandle source, IObjectStore store, BackupDescriptor backup, IProgress<JobProgress> progress, CancellationToken ct)
    {
        try
        {
            var result = await engine.BackupAsync(source, store, backup, new ProgressRelay(progress), ct);
            return result.ObjectCount;
        }
        catch (DataPathException e)
        {
            throw new JobFailedException($"The backup failed: {e.Message}", e);
        }
    }

    public async Task RestoreAsync(IObjectStore store, string backupId, VolumeHandle target, IProgress<JobProgress> progress, CancellationToken ct)
    {
        try
        {
            await engine.RestoreAsync(store, backupId, target, new ProgressRelay(progress), ct);
        }
        catch (DataPathException e)
        {
            throw new JobFailedException($"The restore failed: {e.Message}", e);
        }
    }

    public async Task DeleteAsync(IObjectStore store, string backupId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);

        // A backup that failed before its first object may have no container yet; an empty one deletes as "nothing".
        await store.EnsureContainerAsync(ct);
        try
        {
            await engine.DeleteBackupAsync(store, backupId, ct);
        }
        catch (DataPathException e)
        {
            throw new JobFailedException($"The delete failed: {e.Message}", e);
        }
    }

    private sealed class ProgressRelay(IProgress<JobProgress> target) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value) => target.Report(new JobProgress(value.BytesDone, value.BytesTotal));
    }
}
