using VolumeBackup.Contracts.Policies;
using VolumeBackup.Domain.Policies;

namespace VolumeBackup.Server.Api.Policies;

/// <summary>Renders a policy; each surface passes its own ids (HP: decimal ids, Cinder: UUIDs).</summary>
internal static class PolicyViews
{
    public static BackupPolicyView ToView(BackupPolicy policy, string id, string volumeId, string? lastBackupId) => new()
    {
        Id = id,
        VolumeId = volumeId,
        Name = policy.Name,
        Container = policy.Container,
        Schedule = new PolicyScheduleView { IntervalSeconds = policy.IntervalSeconds, Cron = policy.Cron, TimeZone = policy.TimeZone },
        Force = policy.Force,
        Retention = new PolicyRetentionView
        {
            KeepLast = policy.KeepLast,
            KeepHourly = policy.KeepHourly,
            KeepDaily = policy.KeepDaily,
            KeepWeekly = policy.KeepWeekly,
            KeepMonthly = policy.KeepMonthly,
            KeepYearly = policy.KeepYearly,
        },
        Enabled = policy.Enabled,
        NextRunAt = policy.Enabled ? policy.NextRunAt : null, // a disabled policy has no next run
        LastRunAt = policy.LastRunAt,
        LastResult = policy.LastResult,
        LastBackupId = lastBackupId,
        CreatedAt = policy.CreatedAt,
        UpdatedAt = policy.UpdatedAt,
    };
}
