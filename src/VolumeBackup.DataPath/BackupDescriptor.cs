namespace VolumeBackup.DataPath;

/// <summary>
/// What a backup is: ids and names recorded in its root. <paramref name="PreviousBackupId"/> names the volume's last
/// backup, whose segments the new one compares against (incremental forever); null or missing means a full read.
/// </summary>
public sealed record BackupDescriptor(
    string BackupId,
    string VolumeId,
    string? DisplayName,
    string? DisplayDescription,
    DateTimeOffset CreatedAt,
    string? PreviousBackupId);
