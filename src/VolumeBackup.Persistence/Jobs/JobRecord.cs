namespace VolumeBackup.Persistence.Jobs;

/// <summary>
/// A durable unit of work for a worker (<see cref="JobKind"/>), written in the same transaction as the intent it
/// carries out. A worker holds it under a lease it renews; a lease that runs out gives the job to another worker.
/// </summary>
public sealed class JobRecord
{
    public long Id { get; set; }

    public required string Kind { get; set; }

    public long? BackupId { get; set; }

    public long? VolumeId { get; set; }

    /// <summary>The tenant the job works for: claims take the oldest job of the tenant with the fewest running jobs.</summary>
    public string? TenantId { get; set; }

    /// <summary>The host whose worker must run the job (the volume's host); null = any worker.</summary>
    public string? TargetHost { get; set; }

    public required string State { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public DateTimeOffset? HeartbeatAt { get; set; }

    /// <summary>When a worker last claimed the job: with <see cref="CreatedAt"/>, how long a new job waited to start.</summary>
    public DateTimeOffset? ClaimedAt { get; set; }

    /// <summary>A queued job is not claimed before this instant (null = at once): a job that met a busy container waits here, not in a worker.</summary>
    public DateTimeOffset? NotBefore { get; set; }

    /// <summary>How many times a worker claimed the job.</summary>
    public int Attempts { get; set; }

    public int MaxAttempts { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Kind-specific arguments (JSON), opaque to the queue.</summary>
    public string? Payload { get; set; }

    /// <summary>
    /// The Keystone trust the job reaches the tenant's own object-store account with (user-mode Swift with Keystone);
    /// null otherwise, and again once the trust was deleted after the job ended.
    /// </summary>
    public string? TrustId { get; set; }

    /// <summary>
    /// When a user asked to cancel the job; null when nobody did. A queued job is ended by the request itself; a running
    /// one sees this at its next heartbeat and stops at the next block range.
    /// </summary>
    public DateTimeOffset? CancelRequestedAt { get; set; }
}
