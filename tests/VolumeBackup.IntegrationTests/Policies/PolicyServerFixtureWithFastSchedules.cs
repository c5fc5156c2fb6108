using VolumeBackup.IntegrationTests.Backups;

namespace VolumeBackup.IntegrationTests.Policies;

/// <summary>A server whose policies may run every second, looked for five times a second.</summary>
public sealed class FastScheduleServerFixture : BackupServerFixture
{
    protected override (string Key, string Value)[] ExtraSettings =>
    [
        ("VolumeBackup:Backups:MinPolicyInterval", "00:00:01"),
        ("VolumeBackup:Backups:SchedulerInterval", "00:00:00.200"),
    ];
}
