namespace VolumeBackup.Server;

/// <summary>The start-up's log messages. EventIds 7000-7099.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Warning,
        Message = "The database is not reachable yet (attempt {Attempt}); trying again in {Delay} s, for up to {Budget} s from the start")]
    public static partial void DatabaseNotReadyAtStart(this ILogger logger, Exception error, int attempt, double delay, double budget);
}
