using Microsoft.Extensions.Options;
using VolumeBackup.Domain;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Persistence;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Identity;
using VolumeBackup.Server.Identity.Trusts;
using VolumeBackup.Server.Jobs;
using VolumeBackup.Server.Nodes;
using VolumeBackup.Server.Operations.Volumes;
using VolumeBackup.Volumes;
using VolumeBackup.Volumes.Snapshots;

namespace VolumeBackup.Server.Operations.Backups;

/// <summary>
/// Create, delete and restore: checks the spec's rules, then writes the intent (guarded status changes, new rows) and
/// its job in ONE transaction, so a crash leaves either all of it or none. Each transaction starts with the guarded
/// update, so of two racing requests exactly one changes a row and the other gets the spec's 400. With user-mode Swift
/// and Keystone each job gets a trust taken from the caller just before that transaction (stored with the job), and
/// deleted again when the transaction does not commit. A schedule has no caller: it lends its own trust
/// (<see cref="LentTrust"/>, taken when the policy was made), which its jobs use and never delete.
/// </summary>
internal sealed class BackupService(
    VolumeBackupDbContext db,
    VolumeStore volumes,
    BackupStore backups,
    BackupLifecycle lifecycle,
    BackupVerifications verifications,
    JobQueue queue,
    IVolumeDriver driver,
    IVolumeSnapshots snapshots,
    JobSignal signal,
    NodeDirectory nodes,
    IOptions<BackupOptions> backupOptions,
    IOptions<VolumeBackupOptions> serviceOptions,
    UserStoreTrusts trusts,
    TenantContext caller)
{
    public async Task<Backup> CreateAsync(string tenantId, string? userId, NewBackup request, CancellationToken ct, LentTrust? lent = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var volume = await volumes.FindAsync(tenantId, request.VolumeId, ct)
            ?? throw new FaultException(Fault.ItemNotFound(FaultMessages.VolumeNotFound(RouteIds.Format(request.VolumeId))));
        if (request.Force is { } force)
        {
            VolumeRules.EnsureCanBeBackedUp(volume.Status, force, WhyNoSnapshot(volume, force));
        }
        else
        {
            VolumeRules.EnsureCanBeBackedUp(volume.Status);
        }

        await nodes.EnsureUpAsync(volume.Host, ct); // its job would wait for the host, the volume backing-up meanwhile

        var zone = serviceOptions.Value.AvailabilityZone;
        if (request.AvailabilityZone is { } asked && !string.Equals(asked, zone, StringComparison.Ordinal))
        {
            throw new FaultException(Fault.BadRequest(FaultMessages.InvalidField("availability_zone", $"must be {zone}")));
        }

        var previous = await lifecycle.FindPreviousAsync(volume.Id, request.Container, long.MaxValue, ct);
        if (request.Incremental && previous is null)
        {
            throw new FaultException(Fault.BadRequest(FaultMessages.NoBackupForIncremental));
        }

        var backup = await UnderTrustAsync(
            volume.TenantId, lent, trustId => EnqueueCreateAsync(volume, userId, request, previous is not null, trustId, ct), ct);
        signal.Notify();
        return backup;
    }

    /// <summary>
    /// Why a forced backup of an in-use volume cannot read a snapshot, or null. Only the volume's own node can tell; for a
    /// volume of another node the job finds out, and fails with the same reason.
    /// </summary>
    private string? WhyNoSnapshot(Volume volume, bool force) =>
        force && volume.Status == VolumeStatus.InUse && volume.Host == driver.Host ? snapshots.WhyUnavailable(volume.Location()) : null;

    private async Task<Backup> EnqueueCreateAsync(
        Volume volume, string? userId, NewBackup request, bool incremental, string? trustId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // From the status the rules passed (available, or in-use with force); the job gives that status back.
        if (!await volumes.TryTransitionAsync(volume.Id, [volume.Status], VolumeStatus.BackingUp, ct))
        {
            throw new FaultException(Fault.BadRequest(FaultMessages.VolumeToBackUpMustBeAvailable)); // lost a race
        }

        var backup = await backups.AddAsync(
            new Backup
            {
                TenantId = volume.TenantId, // a backup belongs to its volume's tenant, whoever asked
                UserId = userId,
                VolumeId = volume.Id,
                DisplayName = request.DisplayName,
                DisplayDescription = request.DisplayDescription,
                Container = request.Container,
                Status = BackupStatus.Creating,
                SizeGb = volume.SizeGb,
                IsIncremental = incremental,
                PolicyId = request.PolicyId,
                Metadata = request.Metadata is null ? new(StringComparer.Ordinal) : new(request.Metadata, StringComparer.Ordinal),
                // No progress yet: it appears once a worker has reported some (docs/backups-api.md, Progress).
            },
            ct);
        await queue.EnqueueAsync(NewJob(JobKind.CreateBackup, backup.TenantId, backup.Id, volume.Id, volume.Host, trustId), ct);
        await transaction.CommitAsync(ct);
        return backup;
    }

    public async Task DeleteAsync(string tenantId, long backupId, CancellationToken ct, LentTrust? lent = null)
    {
        // The spec's delete answers the generic 404, unlike show and restore.
        var backup = await backups.FindAsync(tenantId, backupId, ct)
            ?? throw new FaultException(Fault.ItemNotFound(FaultMessages.ResourceNotFound));
        BackupRules.EnsureDeletable(backup.Status);

        await UnderTrustAsync(backup.TenantId, lent, async trustId =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (!await backups.TryTransitionAsync(backup.Id, [BackupStatus.Available, BackupStatus.Error], BackupStatus.Deleting, ct))
            {
                throw new FaultException(Fault.BadRequest(FaultMessages.BackupStatusMustBeAvailableOrError));
            }

            // After the guarded update (it locks the row a verification's request locks too): refused, rolled back.
            BackupRules.EnsureNotBeingVerified(
                await verifications.HasActiveJobAsync(backup.Id, JobKind.VerifyBackup, ct), RouteIds.Format(backup.Id));

            // Touches no volume, so any node's worker may run it (the spec routes deletes through the scheduler).
            await queue.EnqueueAsync(NewJob(JobKind.DeleteBackup, backup.TenantId, backup.Id, null, null, trustId), ct);
            await transaction.CommitAsync(ct);
            return true;
        }, ct);
        signal.Notify();
    }

    /// <summary>
    /// Renames a backup or changes its description or metadata (Cinder's update), in any status; returns the row as it
    /// now is. 404 with <paramref name="shownId"/> when the tenant has no such backup.
    /// </summary>
    public async Task<Backup> UpdateAsync(string tenantId, long backupId, string shownId, BackupDetailsChange changes, CancellationToken ct)
    {
        if (!await backups.ExistsAsync(tenantId, backupId, ct) || !await lifecycle.UpdateDetailsAsync(backupId, changes, ct))
        {
            throw new FaultException(Fault.ItemNotFound(FaultMessages.BackupNotFound(shownId)));
        }

        return await backups.FindAsync(tenantId, backupId, ct)
            ?? throw new FaultException(Fault.ItemNotFound(FaultMessages.BackupNotFound(shownId)));
    }

    /// <summary>
    /// An admin's force delete: from any status but <c>deleting</c> (<see cref="BackupTransitions.ForceDeleteSources"/>)
    /// to <c>deleting</c>, with the same delete job as a delete. A running backup job that finds its backup deleting
    /// when it ends removes what it wrote; a running restore finishes its volume and leaves the backup to the delete.
    /// </summary>
    public async Task ForceDeleteAsync(string tenantId, long backupId, string shownId, CancellationToken ct)
    {
        var backup = await backups.FindAsync(tenantId, backupId, ct)
            ?? throw new FaultException(Fault.ItemNotFound(FaultMessages.BackupNotFound(shownId)));
        if (backup.Status == BackupStatus.Deleting)
        {
            return; // a delete is already under way: asking again changes nothing
        }

        var queued = await UnderTrustAsync(backup.TenantId, null, async trustId =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (!await lifecycle.TryBeginForceDeleteAsync(backup.Id, ct))
            {
                return false; // another delete won the race, or the backup is gone
            }

            await queue.EnqueueAsync(NewJob(JobKind.DeleteBackup, backup.TenantId, backup.Id, null, null, trustId), ct);
            await transaction.CommitAsync(ct);
            return true;
        }, ct);
        if (queued)
        {
            signal.Notify();
        }
    }

    /// <summary>An admin's status reset to <c>available</c> or <c>error</c> (as <see cref="BackupRules.ResetStatusTarget"/> allows).</summary>
    public async Task ResetStatusAsync(string tenantId, long backupId, string shownId, string requestedStatus, CancellationToken ct)
    {
        var status = BackupRules.ResetStatusTarget(requestedStatus);
        var backup = await backups.FindAsync(tenantId, backupId, ct)
            ?? throw new FaultException(Fault.ItemNotFound(FaultMessages.BackupNotFound(shownId)));
        if (!await lifecycle.TryResetStatusAsync(backup.Id, status, ct))
        {
            // Deleting: the delete job owns the row now, and it may be gone already.
            throw new FaultException(Fault.BadRequest(FaultMessages.BackupBeingDeleted));
        }
    }

    /// <summary>
    /// Starts a restore; returns the target volume (a new one, named <paramref name="newVolumeName"/> or Cinder's
    /// <c>restore_backup_&lt;id&gt;</c>, when <paramref name="volumeId"/> is null).
    /// </summary>
    public async Task<Volume> RestoreAsync(
        string tenantId, long backupId, long? volumeId, CancellationToken ct, string? newVolumeName = null)
    {
        var backup = await backups.FindAsync(tenantId, backupId, ct)
            ?? throw new FaultException(Fault.ItemNotFound(FaultMessages.BackupNotFound(RouteIds.Format(backupId))));
        BackupRules.EnsureRestorable(backup.Status);
        Volume? target = null;
        if (volumeId is { } id)
        {
            target = await volumes.FindAsync(tenantId, id, ct)
                ?? throw new FaultException(Fault.ItemNotFound(FaultMessages.VolumeNotFound(RouteIds.Format(id))));
            VolumeRules.EnsureCanBeRestoredTo(target.Status, target.SizeGb, backup.SizeGb);
            await nodes.EnsureUpAsync(target.Host, ct);
        }

        // A new target goes where any new volume would: this node when it is a worker, else a live worker.
        var host = target is null ? await nodes.PlaceNewVolumeAsync(ct) : target.Host;
        var restored = await UnderTrustAsync(tenantId, null, trustId => EnqueueRestoreAsync(tenantId, backup, target, newVolumeName, host, trustId, ct), ct);
        signal.Notify();
        return restored;
    }

    private async Task<Volume> EnqueueRestoreAsync(
        string tenantId, Backup backup, Volume? target, string? newVolumeName, string host, string? trustId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        string? payload = null;
        if (target is null)
        {
            // The new volume is born locked by the restore; the worker creates its bytes before writing them.
            // Were the backup's guarded update below to lose a race, the rollback removes this row again. The quota is
            // checked with the insert, as one guarded step inside this transaction, as for any new volume.
            var quota = serviceOptions.Value.Quotas.ToVolumeQuota();
            target = await volumes.TryAddWithinQuotaAsync(NewRestoreVolume(tenantId, backup, newVolumeName, host), quota, ct)
                ?? throw new FaultException(Fault.QuotaExceeded(FaultMessages.VolumeQuotaExceeded(backup.SizeGb))); // rolls back
            payload = JobPayload.CreateVolume;
        }
        else if (!await volumes.TryTransitionAsync(target.Id, [VolumeStatus.Available], VolumeStatus.RestoringBackup, ct))
        {
            throw new FaultException(Fault.BadRequest(FaultMessages.VolumeToRestoreToMustBeAvailable)); // rolls back
        }

        if (!await lifecycle.TryBeginRestoreAsync(backup.Id, target.Id, (long)backup.SizeGb << 30, ct))
        {
            throw new FaultException(Fault.BadRequest(FaultMessages.BackupStatusMustBeAvailable)); // rolls back
        }

        BackupRules.EnsureNotBeingVerified( // rolls back
            await verifications.HasActiveJobAsync(backup.Id, JobKind.VerifyBackup, ct), RouteIds.Format(backup.Id));
        await queue.EnqueueAsync(NewJob(JobKind.RestoreBackup, backup.TenantId, backup.Id, target.Id, target.Host, trustId) with { Payload = payload }, ct);
        await transaction.CommitAsync(ct);
        return target;
    }

    /// <summary>
    /// Runs <paramref name="enqueue"/> with a trust taken for its job (null without trusts); deletes the trust again
    /// when nothing was queued (false) or the transaction failed, so no trust outlives a request that changed nothing.
    /// A <paramref name="lent"/> trust is used as it is and never deleted here: it belongs to its policy.
    /// </summary>
    private async Task<T> UnderTrustAsync<T>(string tenantId, LentTrust? lent, Func<string?, Task<T>> enqueue, CancellationToken ct)
    {
        if (lent is not null)
        {
            return await enqueue(lent.TrustId);
        }

        var trustId = await trusts.TakeAsync(caller, tenantId, ct);
        try
        {
            var result = await enqueue(trustId);
            if (result is false)
            {
                await trusts.DeleteAsync(trustId, CancellationToken.None);
            }

            return result;
        }
        catch
        {
            await trusts.DeleteAsync(trustId, CancellationToken.None); // no job will ever use it
            throw;
        }
    }

    private Volume NewRestoreVolume(string tenantId, Backup backup, string? name, string host) => new()
    {
        TenantId = tenantId,
        DisplayName = name ?? $"restore_backup_{RouteIds.Format(backup.Id)}", // Cinder's name for the same thing
        SizeGb = backup.SizeGb,
        Status = VolumeStatus.RestoringBackup,
        AvailabilityZone = serviceOptions.Value.AvailabilityZone,
        Host = host,
    };

    private NewJob NewJob(string kind, string tenantId, long backupId, long? volumeId, string? host, string? trustId) =>
        new(kind, backupId, volumeId, host, MaxAttempts: backupOptions.Value.MaxAttempts, TrustId: trustId, TenantId: tenantId);
}
