namespace VolumeBackup.Client;

/// <summary>Where the service is and who is calling it.</summary>
public sealed record VolumeBackupClientOptions
{
    /// <summary>
    /// The service root, for example <c>http://127.0.0.1:8774/</c>. An endpoint copied from a service catalog that
    /// already ends in <c>/v1.1/{tenant_id}</c> is accepted too; the version and tenant part is then not repeated.
    /// </summary>
    public required Uri Endpoint { get; init; }

    /// <summary>The tenant (project) whose volumes and backups are addressed.</summary>
    public required string TenantId { get; init; }

    /// <summary>Sent as <c>X-Auth-Token</c> on every request.</summary>
    public required string AuthToken { get; init; }

    /// <summary>Retries of a GET after a transient failure; 3 rides out a server restart of a second or two.</summary>
    public int MaxRetryAttempts { get; init; } = 3;

    /// <summary>First retry delay, doubled on each further attempt (with jitter).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The longest <c>Retry-After</c> a GET's retry waits for. The service asks for a wait when it answers 503 (60 s when
    /// its disk is full, 10 s when the identity service did not answer); a longer wait than this is not worth holding the
    /// caller for, so the 503 is returned at once instead.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Clock for retry and polling delays; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
