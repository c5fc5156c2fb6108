namespace VolumeBackup.Server;

/// <summary>The API's and identity's log messages, source-generated. EventIds 2000-2999: stable, so that alerts and log
/// queries may key on them.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Error, Message = "Request {Method} {Path} failed")]
    public static partial void RequestFailed(this ILogger logger, Exception error, string method, PathString path);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Volume {VolumeId}: the driver could not create it")]
    public static partial void VolumeCreateFailed(this ILogger logger, Exception error, long volumeId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Volume {VolumeId}: the driver could not delete it")]
    public static partial void VolumeDeleteFailed(this ILogger logger, Exception error, long volumeId);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "The volumes directory is not writable")]
    public static partial void VolumesDirectoryNotWritable(this ILogger logger, Exception error);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "The object store is not ready: {State}")]
    public static partial void ObjectStoreNotReady(this ILogger logger, string state);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Loaded {Count} tokens from {File}")]
    public static partial void TokensLoaded(this ILogger logger, int count, string file);
}
