using VolumeBackup.Client.Http;
using VolumeBackup.Client.Jobs;
using VolumeBackup.Contracts.Backups;

namespace VolumeBackup.Client.Backups;

/// <summary>The six backup operations of <c>/v1.1/{tenant_id}/hp-volume-backups</c>, verify, plus job waiting.</summary>
public sealed class BackupsClient
{
    private const string Path = "hp-volume-backups";

    private readonly ApiTransport _transport;
    private readonly BackupJobPoller _poller;

    internal BackupsClient(ApiTransport transport, BackupJobPoller poller)
    {
        _transport = transport;
        _poller = poller;
    }

    /// <summary>One page of ids and statuses.</summary>
    public async Task<IReadOnlyList<BackupSummary>> ListAsync(PageRequest? page = null, CancellationToken ct = default) =>
        await _transport.GetAsync(Path + (page?.ToQuery() ?? string.Empty), "backups", ClientJsonContext.Default.ListBackupSummary, ct)
            .ConfigureAwait(false);

    /// <summary>One page of full backups.</summary>
    public async Task<IReadOnlyList<BackupDetail>> ListDetailAsync(PageRequest? page = null, CancellationToken ct = default) =>
        await _transport.GetAsync(Path + "/detail" + (page?.ToQuery() ?? string.Empty), "backups", ClientJsonContext.Default.ListBackupDetail, ct)
            .ConfigureAwait(false);

    /// <summary>Every backup's id and status, fetched <paramref name="pageSize"/> at a time.</summary>
    public IAsyncEnumerable<BackupSummary> ListAllAsync(int pageSize = 1000, CancellationToken ct = default) =>
        Pager.WalkAsync(ListAsync, b => b.Id, pageSize, ct);

    /// <summary>Every backup in full, fetched <paramref name="pageSize"/> at a time.</summary>
    public IAsyncEnumerable<BackupDetail> ListAllDetailAsync(int pageSize = 1000, CancellationToken ct = default) =>
        Pager.WalkAsync(ListDetailAsync, b => b.Id, pageSize, ct);

    /// <summary>Shows one backup; an unknown id throws <see cref="VolumeBackupApiException"/> with <c>itemNotFound</c>.</summary>
    public Task<BackupDetail> GetAsync(string backupId, CancellationToken ct = default) =>
        _transport.GetAsync(Path + "/" + Uri.EscapeDataString(backupId), "backup", ClientJsonContext.Default.BackupDetail, ct);

    /// <summary>Starts a backup (status <c>creating</c>); the volume must be <c>available</c>. Not retried.</summary>
    public Task<CreatedBackup> CreateAsync(CreateBackupRequest request, CancellationToken ct = default) =>
        _transport.PostAsync(
            Path, "backup", request, ClientJsonContext.Default.CreateBackupRequest, "backup", ClientJsonContext.Default.CreatedBackup, ct);

    /// <summary>Starts deleting a backup (202); only <c>available</c> and <c>error</c> backups can be deleted.</summary>
    public Task DeleteAsync(string backupId, CancellationToken ct = default) =>
        _transport.DeleteAsync(Path + "/" + Uri.EscapeDataString(backupId), ct);

    /// <summary>Starts a restore into <see cref="RestoreRequest.VolumeId"/>, or into a new volume when it is null.</summary>
    public Task<RestoreResult> RestoreAsync(string backupId, RestoreRequest? request = null, CancellationToken ct = default) =>
        _transport.PostAsync(
            Path + "/" + Uri.EscapeDataString(backupId) + "/restore",
            "restore",
            request ?? new RestoreRequest(),
            ClientJsonContext.Default.RestoreRequest,
            "restore",
            ClientJsonContext.Default.RestoreResult,
            ct);

    /// <summary>
    /// Queues a verification of an available backup (202): every object it refers to is read back and every block's
    /// hash checked. The verdict appears in <see cref="BackupDetail.Verification"/> once it ends.
    /// </summary>
    public Task<VerifyAccepted> VerifyAsync(string backupId, CancellationToken ct = default) =>
        _transport.PostAsync(
            Path + "/" + Uri.EscapeDataString(backupId) + "/verify",
            "verify",
            new VerifyRequest(),
            ClientJsonContext.Default.VerifyRequest,
            "verify",
            ClientJsonContext.Default.VerifyAccepted,
            ct);

    /// <summary>
    /// Polls until the backup's verification time differs from <paramref name="previousVerifiedAt"/> (read before asking
    /// for the verification) and no verify progress shows; returns the backup then. A verification that fails (a store
    /// outage) leaves the verdict as it was, so bound the wait with <paramref name="ct"/>. Throws
    /// <see cref="InvalidOperationException"/> when the backup stops being available meanwhile.
    /// </summary>
    public async Task<BackupDetail> WaitForVerifyAsync(
        string backupId, DateTimeOffset? previousVerifiedAt, TimeSpan pollInterval, IProgress<BackupDetail>? progress = null,
        CancellationToken ct = default)
    {
        while (true)
        {
            var backup = await GetAsync(backupId, ct).ConfigureAwait(false);
            progress?.Report(backup);
            if (backup.Status != "available")
            {
                throw new InvalidOperationException($"Backup {backupId} is {backup.Status}: its verification did not end.");
            }

            if (backup.Verification is { } v && v.VerifiedAt != previousVerifiedAt && backup.Progress?.Operation != "verify")
            {
                return backup;
            }

            await Task.Delay(pollInterval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Polls until the backup leaves <c>creating</c>; succeeds when it becomes <c>available</c>.</summary>
    /// <summary>
    /// Cancels what runs on the backup (its creation, a restore from it, its verification); 400 <c>badRequest</c> when
    /// nothing does. The job stops at its next heartbeat: wait for the backup to see the end (docs/operations.md).
    /// </summary>
    public Task<CancelResult> CancelAsync(string backupId, CancellationToken ct = default) =>
        _transport.PostAsync(
            Path + "/" + Uri.EscapeDataString(backupId) + "/cancel", "cancel", new CancelRequest(),
            ClientJsonContext.Default.CancelRequest, "cancel", ClientJsonContext.Default.CancelResult, ct);

    /// <summary>
    /// Admin: makes a row for every backup whose root is in <paramref name="container"/> and that the database lacks
    /// (disaster recovery, docs/operations.md). Not retried.
    /// </summary>
    public Task<RecoverResult> RecoverAsync(string container, CancellationToken ct = default) =>
        _transport.PostAsync(
            Path + "/recover", "recover", new RecoverContainer(container), ClientJsonContext.Default.RecoverContainer,
            "recover", ClientJsonContext.Default.RecoverResult, ct);

    public Task<JobOutcome> WaitForCreateAsync(
        string backupId, TimeSpan pollInterval, IProgress<JobSnapshot>? progress = null, CancellationToken ct = default) =>
        _poller.WaitForBackupAsync(backupId, BackupJobKind.Create, pollInterval, progress, ct);

    /// <summary>Polls until the backup is gone (404); fails when it ends in <c>error</c> instead.</summary>
    public Task<JobOutcome> WaitForDeleteAsync(
        string backupId, TimeSpan pollInterval, IProgress<JobSnapshot>? progress = null, CancellationToken ct = default) =>
        _poller.WaitForBackupAsync(backupId, BackupJobKind.Delete, pollInterval, progress, ct);

    /// <summary>
    /// Polls the backup and the target volume until the restore ends: success when the volume is <c>available</c>,
    /// failure when it is <c>error_restoring</c> or the backup went to <c>error</c>.
    /// </summary>
    public Task<JobOutcome> WaitForRestoreAsync(
        string backupId, string volumeId, TimeSpan pollInterval, IProgress<JobSnapshot>? progress = null, CancellationToken ct = default) =>
        _poller.WaitForRestoreAsync(backupId, volumeId, pollInterval, progress, ct);

    /// <summary>Polls until whatever job runs on the backup (create, restore or delete) ends.</summary>
    public Task<JobOutcome> WaitAsync(
        string backupId, TimeSpan pollInterval, IProgress<JobSnapshot>? progress = null, CancellationToken ct = default) =>
        _poller.WaitForBackupAsync(backupId, BackupJobKind.Any, pollInterval, progress, ct);
}
