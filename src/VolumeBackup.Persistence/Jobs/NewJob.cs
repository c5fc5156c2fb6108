namespace VolumeBackup.Persistence.Jobs;

/// <summary>
/// What <see cref="JobQueue.EnqueueAsync"/> needs. <paramref name="TargetHost"/> null = any worker;
/// <paramref name="TrustId"/> the Keystone trust the job works under (user-mode Swift with Keystone), else null;
/// <paramref name="TenantId"/> the tenant it works for (fair claims between tenants).
/// </summary>
public sealed record NewJob(
    string Kind,
    long? BackupId = null,
    long? VolumeId = null,
    string? TargetHost = null,
    string? Payload = null,
    int MaxAttempts = 3,
    string? TrustId = null,
    string? TenantId = null);
