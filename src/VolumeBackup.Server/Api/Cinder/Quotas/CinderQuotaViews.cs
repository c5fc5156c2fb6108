using VolumeBackup.Contracts.Cinder.Quotas;
using VolumeBackup.Server.Operations.Quotas;

namespace VolumeBackup.Server.Api.Cinder.Quotas;

/// <summary>
/// Cinder's quota shapes over <see cref="TenantQuotaReport"/>. Resources this service does not have (snapshots, groups)
/// have a limit of 0 and none in use; backups have no quota here, so their limit is Cinder's "unlimited", -1; the
/// one volume type has no quota of its own, also -1.
/// </summary>
internal static class CinderQuotaViews
{
    private const long Unlimited = -1;
    private const long NotOffered = 0;

    public static CinderLimitsEnvelope Limits(TenantQuotaReport report) => new(new CinderLimits([], new CinderAbsoluteLimits
    {
        MaxTotalVolumes = report.Limits.Volumes.Volumes,
        MaxTotalSnapshots = NotOffered,
        MaxTotalVolumeGigabytes = report.Limits.Volumes.Gigabytes,
        MaxTotalBackups = Unlimited,
        MaxTotalBackupGigabytes = Unlimited,
        TotalVolumesUsed = report.Volumes.Volumes,
        TotalGigabytesUsed = report.Volumes.Gigabytes,
        TotalSnapshotsUsed = 0,
        TotalBackupsUsed = report.Backups.Backups,
        TotalBackupGigabytesUsed = report.Backups.Gigabytes,
    }));

    public static CinderQuotaSetEnvelope<long> Limits(string projectId, TenantLimits limits) => new(new CinderQuotaSet<long>
    {
        Id = projectId,
        Volumes = limits.Volumes.Volumes,
        Gigabytes = limits.Volumes.Gigabytes,
        Snapshots = NotOffered,
        Backups = Unlimited,
        BackupGigabytes = Unlimited,
        PerVolumeGigabytes = limits.MaxVolumeSizeGb,
        Groups = NotOffered,
        DefaultTypeVolumes = Unlimited,
        DefaultTypeGigabytes = Unlimited,
        DefaultTypeSnapshots = Unlimited,
    });

    public static CinderQuotaSetEnvelope<CinderQuotaUsage> WithUsage(string projectId, TenantQuotaReport report)
    {
        var limits = report.Limits;
        return new(new CinderQuotaSet<CinderQuotaUsage>
        {
            Id = projectId,
            Volumes = new(limits.Volumes.Volumes, report.Volumes.Volumes, 0),
            Gigabytes = new(limits.Volumes.Gigabytes, report.Volumes.Gigabytes, 0),
            Snapshots = new(NotOffered, 0, 0),
            Backups = new(Unlimited, report.Backups.Backups, 0),
            BackupGigabytes = new(Unlimited, report.Backups.Gigabytes, 0),
            PerVolumeGigabytes = new(limits.MaxVolumeSizeGb, 0, 0),
            Groups = new(NotOffered, 0, 0),
            DefaultTypeVolumes = new(Unlimited, report.Volumes.Volumes, 0),
            DefaultTypeGigabytes = new(Unlimited, report.Volumes.Gigabytes, 0),
            DefaultTypeSnapshots = new(Unlimited, 0, 0),
        });
    }
}
