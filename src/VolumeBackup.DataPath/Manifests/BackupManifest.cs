namespace VolumeBackup.DataPath.Manifests;

/// <summary>
/// The root of a backup, <c>backups/&lt;backup_id&gt;/manifest.json</c>, written last: a backup exists exactly when its root does.
/// Property order is the JSON order (format version first) and is frozen by golden tests.
/// </summary>
/// <param name="FormatVersion">1. A reader refuses versions it does not know.</param>
/// <param name="VolumeSize">The volume's size in bytes; a restore target must be at least this large.</param>
/// <param name="SegmentBlocks">Blocks per segment span; segment i covers blocks [i x SegmentBlocks, (i+1) x SegmentBlocks).</param>
/// <param name="Segments">Non-empty spans only, by index: a span absent here is all zeros.</param>
public sealed record BackupManifest(
    int FormatVersion,
    string BackupId,
    string VolumeId,
    string? DisplayName,
    string? DisplayDescription,
    DateTimeOffset CreatedAt,
    string? PreviousBackupId,
    long VolumeSize,
    int BlockSize,
    int SegmentBlocks,
    IReadOnlyList<SegmentRef> Segments,
    BackupStats Stats)
{
    public const int CurrentFormatVersion = 1;
}
