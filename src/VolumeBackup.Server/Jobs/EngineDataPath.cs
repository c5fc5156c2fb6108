using VolumeBackup.DataPath;
using VolumeBackup.ObjectStores;
using VolumeBackup.Volumes;

namespace VolumeBackup.Server.Jobs;

/// <summary>The data path of the jobs: <see cref="BackupEngine"/>, with its user-facing failures turned into fail reasons
/// ("The backup failed: " + the data path's own sentence; a restore's damage as one sentence without keys or ranges).</summary>
internal sealed class EngineDataPath(BackupEngine engine, ILogger<EngineDataPath> logger) : IBackupDataPath
{
    /// <summary>The fail_reason of a restore that met damaged or missing backup data.</summary>
    public const string RestoreDamaged = "The restore failed: the backup's data in the object store is damaged or incomplete.";

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

            LogIndexRebuild(backup.BackupId, store.Container, result.IndexRebuild);

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
            // One sentence for the user; the block, pack and range are in the log (the worker logs the inner failure).
            throw new JobFailedException(RestoreDamaged, e, damagedData: true);
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

    private void LogIndexRebuild(string backupId, string container, BlockIndexRebuildResult? rebuild)
    {
        if (rebuild?.StoreError is { } error)
        {
            logger.LogWarning(error,
                "Backup {BackupId} in container {Container} ran without the block index: rebuilding it from the packs failed " +
                "on a store error after {IndexedPacks} packs, so this backup deduplicated only against its previous backup; " +
                "the next backup tries the rebuild again.",
                backupId, container, rebuild.IndexedPacks);
        }

        if (rebuild is { DamagedPacks: > 0 })
        {
            logger.LogWarning(
                "Backup {BackupId}: rebuilding the block index of container {Container} left out {DamagedPacks} damaged packs " +
                "(their own index is unreadable); no backup dedups against their blocks.",
                backupId, container, rebuild.DamagedPacks);
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
