namespace VolumeBackup.Server;

/// <summary>The jobs' log messages, source-generated (no boxing, no template parsing per call). EventIds 1000-1999:
/// stable, so that alerts and log queries may key on them.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information,
        Message = "Worker {WorkerId}: job {JobId} ({Kind}) of backup {BackupId}, attempt {Attempt}")]
    public static partial void JobStarted(this ILogger logger, string workerId, long jobId, string kind, long? backupId, int attempt);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Worker {WorkerId}: job {JobId} handed back on shutdown")]
    public static partial void JobHandedBackOnShutdown(this ILogger logger, string workerId, long jobId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Worker {WorkerId}: job {JobId} stopped, its lease was lost")]
    public static partial void JobLeaseLost(this ILogger logger, string workerId, long jobId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Worker {WorkerId}: job {JobId} waits in the queue: {Reason}")]
    public static partial void JobDeferred(this ILogger logger, string workerId, long jobId, string reason);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning,
        Message = "Worker {WorkerId}: job {JobId} ({Kind}) of backup {BackupId} met an object store outage; starting over in {Delay} s")]
    public static partial void JobStoreOutage(
        this ILogger logger, Exception error, string workerId, long jobId, string kind, long? backupId, double delay);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "Worker {WorkerId}: job {JobId} ({Kind}) of backup {BackupId} failed: {Reason}")]
    public static partial void JobFailed(
        this ILogger logger, Exception error, string workerId, long jobId, string kind, long? backupId, string reason);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Error,
        Message = "Worker {WorkerId}: claiming or running a job failed; retrying after the poll interval")]
    public static partial void WorkerLoopFailed(this ILogger logger, Exception error, string workerId);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "{Count} jobs of this node's previous process (stopped) go back to the queue")]
    public static partial void PreviousProcessJobsRequeued(this ILogger logger, int count);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning,
        Message = "Ending the leases of this node's previous process failed; they run out on their own")]
    public static partial void PreviousProcessLeasesNotEnded(this ILogger logger, Exception error);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Warning, Message = "Job {JobId}: heartbeat or progress write failed")]
    public static partial void JobHeartbeatFailed(this ILogger logger, Exception error, long jobId);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Lease recovery: {Count} jobs of stopped workers queued again")]
    public static partial void LeasesReclaimed(this ILogger logger, int count);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning,
        Message = "Lease recovery: job {JobId} ({Kind}) gave up after {Attempts} attempts; backup {BackupId} set to error")]
    public static partial void LeaseRecoveryGaveUp(this ILogger logger, long jobId, string kind, int attempts, long? backupId);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Error, Message = "Lease recovery failed; trying again after the recovery interval")]
    public static partial void LeaseRecoveryFailed(this ILogger logger, Exception error);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning,
        Message = "Backup {BackupId} in container {Container} stored {Blocks} blocks again because the packs that earlier backups " +
            "kept them in are missing from the container (deleted outside the service?); those earlier backups cannot be " +
            "restored in full, this one and later ones can.")]
    public static partial void BlocksFromMissingPacks(this ILogger logger, string backupId, string container, long blocks);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Warning,
        Message = "Backup {BackupId} in container {Container} ran without the block index: rebuilding it from the packs failed " +
            "on a store error after {IndexedPacks} packs, so this backup deduplicated only against its previous backup; " +
            "the next backup tries the rebuild again.")]
    public static partial void IndexRebuildStoreError(this ILogger logger, Exception error, string backupId, string container, int indexedPacks);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Warning,
        Message = "Backup {BackupId}: rebuilding the block index of container {Container} left out {DamagedPacks} damaged packs " +
            "(their own index is unreadable); no backup dedups against their blocks.")]
    public static partial void IndexRebuildDamagedPacks(this ILogger logger, string backupId, string container, int damagedPacks);

    [LoggerMessage(EventId = 1016, Level = LogLevel.Information,
        Message = "Deleted backup {BackupId} in container {Container} (root deleted: {RootDeleted}); sweep {SweepOutcome}: " +
            "{DeletedPacks} packs and {DeletedSegments} segments deleted, {CompactedPacks} packs compacted, " +
            "{CopiedBytes} bytes copied, {ReclaimedBytes} bytes reclaimed, {DamagedPacks} damaged packs skipped, " +
            "{PacksLeft} packs left for a later compaction")]
    public static partial void BackupDeleted(
        this ILogger logger, string backupId, string container, bool rootDeleted, string sweepOutcome, int deletedPacks,
        int deletedSegments, int compactedPacks, long copiedBytes, long reclaimedBytes, int damagedPacks, int packsLeft);

    [LoggerMessage(EventId = 1017, Level = LogLevel.Warning, Message = "Compaction in container {Container} skipped a pack: {Damage}")]
    public static partial void CompactionSkippedPack(this ILogger logger, string container, string damage);

    // 1050+: snapshots (kept apart from the numbers above, which other parts of the jobs extend).
    [LoggerMessage(EventId = 1050, Level = LogLevel.Warning,
        Message = "Removed {Count} stray snapshots of this node's volumes (left by backups that crashed or were given up)")]
    public static partial void StraySnapshotsRemoved(this ILogger logger, int count);

    [LoggerMessage(EventId = 1051, Level = LogLevel.Error, Message = "Removing stray snapshots at start failed; the next start tries again")]
    public static partial void StraySnapshotsNotRemoved(this ILogger logger, Exception error);
}
