namespace VolumeBackup.Server;

/// <summary>The wake-up listener's log messages. EventIds 1200-1209.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning,
        Message = "Lost the PostgreSQL connection that wakes the workers of {Host}; reconnecting, and polling meanwhile")]
    public static partial void WakeupListenerLost(this ILogger logger, Exception error, string host);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Listening for job wake-ups again after {Seconds:F1} s")]
    public static partial void WakeupListenerRestored(this ILogger logger, double seconds);
}
