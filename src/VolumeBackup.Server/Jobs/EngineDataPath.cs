using VolumeBackup.DataPath;
using VolumeBackup.ObjectStores;
using VolumeBackup.Volumes;

namespace VolumeBackup.Server.Jobs;

/// <summary>The data path of the jobs: <see cref="BackupEngine"/>, with its user-facing failures turned into fail reasons
/// ("The restore failed: " + the data path's own sentence, which names the backup, block or object).</summary>
public sealed class EngineDataPath(BackupEngine engine, ILogger<EngineDataPath> logger) : IBackupDataPath
{
    public async Task<int> BackupAsync(
        VolumeHandle source, IObjectStore store, IBlockIndex? index, BackupDescriptor backup, IProgress<JobProgress> progress,
        ILockOwner? owner, CancellationToken ct)
    {
        try
        {
            var result = await For(owner).BackupAsync(source, store, backup, index, new ProgressRelay(progress), ct);
            if (result.BlocksFromMissingPacks > 0)
            {
                logger.LogWarning(
                    "Backup {BackupId} in container {Container} stored {Blocks} blocks again because the packs that earlier backups " +
                    "kept them in are missing from the container (deleted outside the service?); those earlier backups cannot be " +
                    "restored in full, this one and later ones can.",
                    backup.BackupId, store.Container, result.BlocksFromMissingPacks);
            }

            return result.ObjectCount;
        }
        catch (DataPathException e)
        {
            throw new JobFailedException($"The backup failed: {e.Message}", e);
        }
    }

    public async Task RestoreAsync(
        IObjectStore store, string backupId, VolumeHandle target, IProgress<JobProgress> progress, ILockOwner? owner, CancellationToken ct)
    {
        try
        {
            await For(owner).RestoreAsync(store, backupId, target, new ProgressRelay(progress), ct);
        }
        catch (DataPathException e)
        {
            throw new JobFailedException($"The restore failed: {e.Message}", e);
        }
    }

    public async Task DeleteAsync(IObjectStore store, IBlockIndex? index, string backupId, ILockOwner? owner, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);

        // A backup that failed before its first object may have no container yet; an empty one deletes as "nothing".
        await store.EnsureContainerAsync(ct);
        try
        {
            var result = await For(owner).DeleteBackupAsync(store, backupId, index, ct);
            LogDeleted(store.Container, backupId, result);
        }
        catch (DataPathException e)
        {
            throw new JobFailedException($"The delete failed: {e.Message}", e);
        }
    }

    private BackupEngine For(ILockOwner? owner) => owner is null ? engine : engine.OwnedBy(owner);

    private void LogDeleted(string container, string backupId, DeleteResult result)
    {
        var sweep = result.Sweep;
        logger.LogInformation(
            "Deleted backup {BackupId} in container {Container} (root deleted: {RootDeleted}); sweep {SweepOutcome}: " +
            "{DeletedPacks} packs and {DeletedSegments} segments deleted, {CompactedPacks} packs compacted, " +
            "{CopiedBytes} bytes copied, {ReclaimedBytes} bytes reclaimed, {DamagedPacks} damaged packs skipped, " +
            "{PacksLeft} packs left for a later compaction",
            backupId, container, result.RootDeleted, sweep.DeferredReason is null ? "ran" : "deferred (" + sweep.DeferredReason + ")",
            sweep.DeletedPacks, sweep.DeletedSegments, sweep.CompactedPacks, sweep.CopiedBytes, sweep.ReclaimedBytes,
            sweep.DamagedPacks.Count, sweep.CompactionPacksLeft);
        foreach (var damage in sweep.DamagedPacks)
        {
            logger.LogWarning("Compaction in container {Container} skipped a pack: {Damage}", container, damage);
        }
    }

    private sealed class ProgressRelay(IProgress<JobProgress> target) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value) => target.Report(new JobProgress(value.BytesDone, value.BytesTotal));
    }
}
