namespace VolumeBackup.Server;

/// <summary>Log messages of user-mode Swift's Keystone trusts. EventIds 3100-3199.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Trust {TrustId} taken on project {ProjectId} from user {UserId}")]
    public static partial void TrustTaken(this ILogger logger, string trustId, string projectId, string userId);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Trust {TrustId} deleted (it still existed: {Existed})")]
    public static partial void TrustDeleted(this ILogger logger, string trustId, bool existed);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Trust {TrustId} could not be deleted now; the sweep tries again")]
    public static partial void TrustNotDeleted(this ILogger logger, Exception error, string trustId);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Trust sweep: deleted the trusts of {Count} finished jobs")]
    public static partial void TrustsSwept(this ILogger logger, int count);
}
