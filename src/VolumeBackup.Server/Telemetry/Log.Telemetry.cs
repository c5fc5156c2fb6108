namespace VolumeBackup.Server;

/// <summary>The telemetry's log messages. EventIds 6000-6099.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Warning, Message = "The job queue gauges could not read the Jobs table; the last reading is reported")]
    public static partial void QueueGaugesNotRead(this ILogger logger, Exception exception);
}
