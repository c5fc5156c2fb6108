namespace VolumeBackup.Server;

/// <summary>The scrub's log messages (EventIds 1900-1909 of the jobs' range).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1900, Level = LogLevel.Information, Message = "The scrub queued {Count} verifications")]
    public static partial void ScrubQueued(this ILogger logger, int count);

    [LoggerMessage(EventId = 1901, Level = LogLevel.Warning, Message = "The scrub failed this period; it tries again next period")]
    public static partial void ScrubFailed(this ILogger logger, Exception error);
}
