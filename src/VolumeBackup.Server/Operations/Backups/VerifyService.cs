using Microsoft.Extensions.Options;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Persistence;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Identity;
using VolumeBackup.Server.Identity.Trusts;
using VolumeBackup.Server.Jobs;

namespace VolumeBackup.Server.Operations.Backups;

/// <summary>
/// Queues verifications: from the API (both surfaces, under the caller's trust where the store needs one) and from the
/// scrub (without a caller). One transaction: a guarded update of the available backup (which locks its row), the
/// "no job on it" check, then the job; so of two racing requests one queues a job and the other gets the 400.
/// </summary>
internal sealed class VerifyService(
    VolumeBackupDbContext db,
    BackupStore backups,
    BackupVerifications verifications,
    JobQueue queue,
    JobSignal signal,
    IOptions<BackupOptions> options,
    UserStoreTrusts trusts,
    TenantContext caller)
{
    /// <summary>Queues a verification of the caller's backup; 404 naming <paramref name="shownId"/> when it has none.</summary>
    public async Task<Backup> VerifyAsync(string tenantId, long backupId, string shownId, CancellationToken ct)
    {
        var backup = await backups.FindAsync(tenantId, backupId, ct)
            ?? throw new FaultException(Fault.ItemNotFound(FaultMessages.BackupNotFound(shownId)));
        BackupRules.EnsureVerifiable(backup.Status, await verifications.HasActiveJobAsync(backup.Id, null, ct));
        var trustId = await trusts.TakeAsync(caller, backup.TenantId, ct);
        try
        {
            if (!await TryEnqueueAsync(backup, trustId, ct))
            {
                throw new FaultException(Fault.BadRequest(FaultMessages.BackupStatusMustBeAvailable)); // lost a race
            }
        }
        catch
        {
            await trusts.DeleteAsync(trustId, CancellationToken.None); // no job will ever use it
            throw;
        }

        signal.Notify();
        return backup;
    }

    /// <summary>
    /// Queues a verification of <paramref name="backup"/> unless it is no longer available or a job is on it (false).
    /// The scrub calls this directly: several nodes may pick the same backup, and only one job comes of it.
    /// </summary>
    public async Task<bool> TryEnqueueAsync(Backup backup, string? trustId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(backup);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await verifications.TryBeginAsync(backup.Id, (long)backup.SizeGb << 30, ct)
            || await verifications.HasActiveJobAsync(backup.Id, null, ct))
        {
            return false; // rolled back on dispose
        }

        // Touches no volume: any node's worker may run it.
        await queue.EnqueueAsync(
            new NewJob(JobKind.VerifyBackup, backup.Id, null, null, MaxAttempts: options.Value.MaxAttempts, TrustId: trustId, TenantId: backup.TenantId),
            ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
