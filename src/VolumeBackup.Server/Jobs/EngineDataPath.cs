using VolumeBackup.DataPath;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.ObjectStores;
using VolumeBackup.Volumes;

namespace VolumeBackup.Server.Jobs;

/// <summary>The data path of the jobs: <see cref="BackupEngine"/>, with its user-facing failures turned into fail reasons
/// ("The backup failed: " + the data path's own sentence; a restore's damage as one sentence without keys or ranges).</summary>
internal sealed class EngineDataPath(BackupEngine engine, ILogger<EngineDataPath> logger) : IBackupDataPath
{
    /// <summary>The fail_reason of a restore that met damaged or missing backup data.</summary>
    public const string RestoreDamaged = "The restore failed: the backup's data in the object store is damaged or incomplete.";

    public async Task<BackupResult> BackupAsync(
        VolumeHandle source, IObjectStore store, IBlockIndex? index, BackupDescriptor backup, IProgress<JobProgress> progress,
        ILockOwner? owner, IContainerLockStore? locks, CancellationToken ct)
    {
        try
        {
            var result = await For(owner, locks).BackupAsync(source, store, backup, index, new ProgressRelay(progress), ct);
            if (result.BlocksFromMissingPacks > 0)
            {
                logger.BlocksFromMissingPacks(backup.BackupId, store.Container, result.BlocksFromMissingPacks);
            }

            LogIndexRebuild(backup.BackupId, store.Container, result.IndexRebuild);

            return result;
        }
        catch (DataPathException e)
        {
            throw new JobFailedException($"The backup failed: {e.Message}", e);
        }
    }

    public async Task RestoreAsync(
        IObjectStore store, string backupId, VolumeHandle target, IProgress<JobProgress> progress, ILockOwner? owner, IContainerLockStore? locks,
        CancellationToken ct)
    {
        try
        {
            await For(owner, locks).RestoreAsync(store, backupId, target, new ProgressRelay(progress), ct);
        }
        catch (RestoreTargetTooSmallException e)
        {
            // Nothing was written and the backup is intact: the target (an adopted device of its own size) is too small.
            throw new JobFailedException($"The restore failed: {e.Message}", e);
        }
        catch (DataPathException e)
        {
            // One sentence for the user; the block, pack and range are in the log (the worker logs the inner failure).
            throw new JobFailedException(RestoreDamaged, e, damagedData: true);
        }
    }

    public async Task<VerifyResult> VerifyAsync(
        IObjectStore store, string backupId, IProgress<JobProgress> progress, ILockOwner? owner, IContainerLockStore? locks, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        try
        {
            return await For(owner, locks).VerifyAsync(store, backupId, new ProgressRelay(progress), ct);
        }
        catch (DataPathException e)
        {
            // The root itself: gone is damage to report (a restore would fail); present but unreadable fails the job.
            var root = ManifestKeys.RootOf(backupId);
            if (await store.TryGetInfoAsync(root, ct) is null)
            {
                return new VerifyResult
                {
                    BackupId = backupId, VolumeSize = 0, BlocksChecked = 0, BytesChecked = 0, DamagedBlockCount = 0,
                    DamagedBlocks = [], MissingObjects = [root],
                };
            }

            throw new JobFailedException($"The verification failed: {e.Message}", e);
        }
    }

    public async Task DeleteAsync(
        IObjectStore store, IBlockIndex? index, string backupId, ILockOwner? owner, IContainerLockStore? locks, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);

        // A backup that failed before its first object may have no container yet; an empty one deletes as "nothing".
        await store.EnsureContainerAsync(ct);
        try
        {
            var result = await For(owner, locks).DeleteBackupAsync(store, backupId, index, ct);
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
            logger.IndexRebuildStoreError(error, backupId, container, rebuild.IndexedPacks);
        }

        if (rebuild is { DamagedPacks: > 0 })
        {
            logger.IndexRebuildDamagedPacks(backupId, container, rebuild.DamagedPacks);
        }
    }

    private BackupEngine For(ILockOwner? owner, IContainerLockStore? locks)
    {
        var owned = owner is null ? engine : engine.OwnedBy(owner);
        return locks is null ? owned : owned.LockingIn(locks);
    }

    private void LogDeleted(string container, string backupId, DeleteResult result)
    {
        var sweep = result.Sweep;
        logger.BackupDeleted(
            backupId, container, result.RootDeleted, sweep.DeferredReason is null ? "ran" : "deferred (" + sweep.DeferredReason + ")",
            sweep.DeletedPacks, sweep.DeletedSegments, sweep.CompactedPacks, sweep.CopiedBytes, sweep.ReclaimedBytes,
            sweep.DamagedPacks.Count, sweep.CompactionPacksLeft);
        foreach (var damage in sweep.DamagedPacks)
        {
            logger.CompactionSkippedPack(container, damage);
        }
    }

    private sealed class ProgressRelay(IProgress<JobProgress> target) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value) => target.Report(new JobProgress(value.BytesDone, value.BytesTotal));
    }
}
