namespace VolumeBackup.Server;

/// <summary>Keystone mode's log messages: EventIds 2100-2199 of the API's range.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Error,
        Message = "Keystone could not validate a token (unavailable: {Unavailable}); the request was answered 503")]
    public static partial void KeystoneValidationFailed(this ILogger logger, Exception error, bool unavailable);
}
