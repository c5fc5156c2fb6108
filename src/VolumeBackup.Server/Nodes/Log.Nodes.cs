namespace VolumeBackup.Server;

/// <summary>The nodes' log messages. EventIds 4700-4799.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4700, Level = LogLevel.Warning,
        Message = "Node {Host}: writing the heartbeat failed; other nodes will count this node down if it keeps failing")]
    public static partial void HeartbeatFailed(this ILogger logger, Exception error, string host);

    [LoggerMessage(EventId = 4701, Level = LogLevel.Warning,
        Message = "Job {JobId} ({Kind}) routed to down host {Host} ended: {Reason}")]
    public static partial void OrphanedJobFailed(this ILogger logger, long jobId, string kind, string host, string reason);

    [LoggerMessage(EventId = 4702, Level = LogLevel.Error, Message = "Ending the jobs of down hosts failed; retrying at the next pass")]
    public static partial void NodeLossRecoveryFailed(this ILogger logger, Exception error);
}
