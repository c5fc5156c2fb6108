namespace VolumeBackup.Persistence.Jobs;

/// <summary>What <see cref="JobQueue.EnqueueAsync"/> needs. <paramref name="TargetHost"/> null = any worker.</summary>
public sealed record NewJob(
    string Kind,
    long? BackupId = null,
    long? VolumeId = null,
    string? TargetHost = null,
    string? Payload = null,
    int MaxAttempts = 3);
