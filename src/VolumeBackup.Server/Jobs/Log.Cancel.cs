namespace VolumeBackup.Server;

/// <summary>Log messages of cancelled jobs (EventIds 1080-1089 of the jobs' range).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1080, Level = LogLevel.Information, Message = "Worker {WorkerId}: job {JobId} ({Kind}) of backup {BackupId} was cancelled")]
    public static partial void JobCancelled(this ILogger logger, string workerId, long jobId, string kind, long? backupId);

    [LoggerMessage(EventId = 1081, Level = LogLevel.Warning,
        Message = "Worker {WorkerId}: cleaning up after cancelled job {JobId} failed; a later delete or sweep removes what is left")]
    public static partial void JobCancelCleanupFailed(this ILogger logger, Exception error, string workerId, long jobId);
}
