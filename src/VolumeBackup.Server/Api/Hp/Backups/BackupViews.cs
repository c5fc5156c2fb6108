using VolumeBackup.Contracts.Backups;
using VolumeBackup.Domain;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Operations.Backups;

namespace VolumeBackup.Server.Api.Hp.Backups;

/// <summary>Turns a backup row into the spec's shapes: list entry, detail (plus progress while a job runs), create answer.</summary>
internal static class BackupViews
{
    public static BackupSummary ToSummary(BackupIdAndStatus backup) => new(RouteIds.Format(backup.Id), backup.Status);

    public static BackupDetail ToDetail(Backup backup) => new()
    {
        Id = RouteIds.Format(backup.Id),
        DisplayName = backup.DisplayName,
        DisplayDescription = backup.DisplayDescription,
        VolumeId = RouteIds.Format(backup.VolumeId),
        Container = backup.Container,
        Status = backup.Status,
        FailReason = backup.FailReason,
        CreatedAt = backup.CreatedAt,
        Size = backup.SizeGb,
        ObjectCount = backup.ObjectCount,
        Progress = ToProgress(backup),
        Verification = VerificationReports.ToView(backup),
        StoredBytes = backup.StoredBytes,
        DataBytes = backup.DataBytes,
    };

    public static CreatedBackup ToCreated(Backup backup) => new()
    {
        Id = RouteIds.Format(backup.Id),
        DisplayName = backup.DisplayName,
        DisplayDescription = backup.DisplayDescription,
        VolumeId = RouteIds.Format(backup.VolumeId),
        Container = backup.Container,
        Status = backup.Status,
        CreatedAt = backup.CreatedAt,
    };

    private static BackupProgress? ToProgress(Backup backup)
    {
        // A verification runs with the backup available: its progress shows beside that status.
        if (backup.ProgressOperation is null
            || backup.Status is not (BackupStatus.Creating or BackupStatus.Restoring or BackupStatus.Available))
        {
            return null;
        }

        var total = Math.Max(0, backup.ProgressBytesTotal);
        var done = Math.Clamp(backup.ProgressBytesDone, 0, total);
        var percent = total == 0 ? 0 : Math.Round(100.0 * done / total, 1);
        return new BackupProgress(backup.ProgressOperation, done, total, percent);
    }
}
