namespace VolumeBackup.Server.Jobs;

/// <summary>
/// The backup a create job writes: its ids and names as recorded in the container, and the volume's previous backup in
/// the same container (null = none) that an incremental compares against.
/// </summary>
public sealed record BackupJobDescriptor(
    string BackupId,
    string VolumeId,
    string? DisplayName,
    string? DisplayDescription,
    DateTimeOffset CreatedAt,
    string? PreviousBackupId);
