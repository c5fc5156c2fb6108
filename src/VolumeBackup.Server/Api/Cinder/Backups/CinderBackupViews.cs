using VolumeBackup.Contracts.Cinder;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Server.Api.Cinder.Versions;
using VolumeBackup.Server.Operations.Backups;

namespace VolumeBackup.Server.Api.Cinder.Backups;

/// <summary>
/// Turns backup rows into Cinder's shapes. Ids are the rows' UUIDs (lowercase); <c>volume_id</c> is the volume's UUID,
/// or the zero UUID when the volume is gone or belongs to another deployment (an imported backup), as Cinder shows
/// imported backups. Fields of later microversions appear only when the request asked for them.
/// </summary>
internal sealed class CinderBackupViews(HttpRequest request, CinderApiVersion version, bool isAdmin, string availabilityZone)
{
    public static string Id(Guid uuid) => uuid.ToString("D");

    public CinderBackupSummary ToSummary(Backup backup) => new(Id(backup.Uuid), backup.DisplayName, Links(backup));

    public CinderBackupDetail ToDetail(Backup backup, Guid volumeUuid) => new()
    {
        Id = Id(backup.Uuid),
        Name = backup.DisplayName,
        Description = backup.DisplayDescription,
        Status = backup.Status,
        Size = backup.SizeGb,
        ObjectCount = backup.ObjectCount,
        AvailabilityZone = availabilityZone,
        Container = backup.Container,
        CreatedAt = backup.CreatedAt,
        UpdatedAt = backup.UpdatedAt,
        // Cinder's schema allows no extra fields (Tempest checks it): a damaged verdict shows in fail_reason instead.
        FailReason = backup.FailReason ?? VerificationReports.DamageSentence(backup),
        VolumeId = Id(volumeUuid),
        Links = Links(backup),
        IsIncremental = backup.IsIncremental,
        HasDependentBackups = false, // blocks are content-addressed: no backup depends on another (docs/cinder-api.md)
        SnapshotId = null,
        DataTimestamp = backup.CreatedAt,
        ProjectId = isAdmin && version.AtLeast(CinderVersions.BackupProjectAttribute) ? backup.TenantId : null,
        Metadata = version.AtLeast(CinderVersions.BackupMetadata) ? backup.Metadata : null,
        UserId = isAdmin && version.AtLeast(CinderVersions.BackupUserId) ? backup.UserId : null,
    };

    // self carries the version in the path, bookmark does not (Cinder's ViewBuilder._get_links).
    private IReadOnlyList<CinderLink> Links(Backup backup) =>
        new CinderLinks(request).For(Uri.EscapeDataString(backup.TenantId), "backups", Id(backup.Uuid));
}
