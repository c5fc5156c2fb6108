namespace VolumeBackup.Server;

/// <summary>The scheduler's log messages. EventIds 5100-5199.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Policy {PolicyId}: run due at {Due}: {Result}")]
    public static partial void PolicyRan(this ILogger logger, long policyId, DateTimeOffset due, string result);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Error, Message = "Policy scheduler: a pass failed; trying again at the next tick")]
    public static partial void PolicySchedulerFailed(this ILogger logger, Exception error);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Policy {PolicyId}: pruning backup {BackupId} failed: {Reason}")]
    public static partial void PolicyPruneFailed(this ILogger logger, long policyId, long backupId, string reason);
}
