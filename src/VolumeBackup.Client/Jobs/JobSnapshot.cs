using VolumeBackup.Contracts.Backups;
using VolumeBackup.Contracts.Volumes;

namespace VolumeBackup.Client.Jobs;

/// <summary>What one poll saw: the backup (with its <c>progress</c> while a job runs) and, for a restore, the target volume.</summary>
public sealed record JobSnapshot(BackupDetail? Backup, VolumeDetail? Volume);
