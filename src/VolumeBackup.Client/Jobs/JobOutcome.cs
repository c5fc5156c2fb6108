using VolumeBackup.Contracts.Backups;
using VolumeBackup.Contracts.Volumes;

namespace VolumeBackup.Client.Jobs;

/// <summary>
/// How a job ended. <see cref="FailReason"/> is the backup's <c>fail_reason</c> (or a description of the failed state)
/// when <see cref="Succeeded"/> is false. <see cref="Backup"/> is null after a successful delete.
/// </summary>
public sealed record JobOutcome(bool Succeeded, string? FailReason, BackupDetail? Backup, VolumeDetail? Volume);
