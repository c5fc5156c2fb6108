namespace VolumeBackup.Domain.Faults;

/// <summary>
/// How long a client is told to wait after a 503, by cause. A full disk needs an operator, so clients are asked to
/// wait long enough not to fill the logs; an identity service that did not answer usually answers again within seconds.
/// </summary>
public static class RetryAfterHints
{
    public static readonly TimeSpan StorageFull = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan IdentityUnavailable = TimeSpan.FromSeconds(10);

    /// <summary>A configuration the operator must fix (a catalog without the needed endpoint): retrying soon is useless.</summary>
    public static readonly TimeSpan Misconfigured = TimeSpan.FromSeconds(300);
}
