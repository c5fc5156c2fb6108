using VolumeBackup.Volumes;

namespace VolumeBackup.DataPath;

/// <summary>
/// What a backup is: ids and names recorded in its root. <paramref name="PreviousBackupId"/> names the volume's last
/// backup, whose segments the new one compares against (incremental forever); null or missing means a full read.
/// <paramref name="ChangedSincePrevious"/>, when known, lists the only ranges of the volume that may differ from the
/// previous backup (changed-block tracking); null means any block may have changed.
/// </summary>
public sealed record BackupDescriptor(
    string BackupId,
    string VolumeId,
    string? DisplayName,
    string? DisplayDescription,
    DateTimeOffset CreatedAt,
    string? PreviousBackupId,
    IReadOnlyList<ByteRange>? ChangedSincePrevious = null);
