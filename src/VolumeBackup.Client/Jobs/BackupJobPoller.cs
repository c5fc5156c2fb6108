using System.Net;
using VolumeBackup.Client.Http;
using VolumeBackup.Client.Volumes;
using VolumeBackup.Contracts.Backups;

namespace VolumeBackup.Client.Jobs;

/// <summary>
/// Follows a backup job by polling show (the spec's only way to learn that an asynchronous operation ended).
/// Waits have no deadline of their own: the caller cancels <c>ct</c> to give up.
/// </summary>
internal sealed class BackupJobPoller(ApiTransport transport, VolumesClient volumes, TimeProvider time)
{
    public async Task<JobOutcome> WaitForBackupAsync(
        string backupId, BackupJobKind kind, TimeSpan interval, IProgress<JobSnapshot>? progress, CancellationToken ct)
    {
        var sawDeleting = false;
        while (true)
        {
            BackupDetail backup;
            try
            {
                backup = await GetBackupAsync(backupId, ct).ConfigureAwait(false);
            }
            catch (VolumeBackupApiException e) when (e.StatusCode == HttpStatusCode.NotFound
                                                     && (kind == BackupJobKind.Delete || sawDeleting))
            {
                return new JobOutcome(true, null, null, null);
            }

            progress?.Report(new JobSnapshot(backup, null));
            sawDeleting |= backup.Status == KnownStatuses.Deleting;
            if (backup.Status == KnownStatuses.Error)
            {
                return new JobOutcome(false, backup.FailReason ?? $"backup {backup.Id} ended in status error", backup, null);
            }

            if (backup.Status == KnownStatuses.Available && kind != BackupJobKind.Delete)
            {
                return new JobOutcome(true, null, backup, null);
            }

            await Task.Delay(interval, time, ct).ConfigureAwait(false);
        }
    }

    public async Task<JobOutcome> WaitForRestoreAsync(
        string backupId, string volumeId, TimeSpan interval, IProgress<JobSnapshot>? progress, CancellationToken ct)
    {
        while (true)
        {
            var backup = await GetBackupAsync(backupId, ct).ConfigureAwait(false);
            var volume = await volumes.GetAsync(volumeId, ct).ConfigureAwait(false);
            progress?.Report(new JobSnapshot(backup, volume));
            if (backup.Status == KnownStatuses.Error)
            {
                return new JobOutcome(false, backup.FailReason ?? $"backup {backup.Id} ended in status error", backup, volume);
            }

            if (volume.Status == KnownStatuses.VolumeErrorRestoring)
            {
                return new JobOutcome(
                    false, backup.FailReason ?? $"volume {volume.Id} ended in status {volume.Status}", backup, volume);
            }

            if (backup.Status != KnownStatuses.Restoring && volume.Status == KnownStatuses.Available)
            {
                return new JobOutcome(true, null, backup, volume);
            }

            await Task.Delay(interval, time, ct).ConfigureAwait(false);
        }
    }

    private Task<BackupDetail> GetBackupAsync(string backupId, CancellationToken ct) =>
        transport.GetAsync("hp-volume-backups/" + Uri.EscapeDataString(backupId), "backup", ClientJsonContext.Default.BackupDetail, ct);
}
