using VolumeBackup.Domain;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Persistence;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Jobs;
using VolumeBackup.Server.Nodes;
using VolumeBackup.Volumes;
using VolumeBackup.Volumes.Snapshots;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace VolumeBackup.Server.Operations.Volumes;

/// <summary>
/// Creates and deletes volumes: quota, database row and status transitions, and the bytes through the volume driver.
/// A new volume goes to this node when it is a worker, else to a live worker (<see cref="NodeDirectory.PlaceNewVolumeAsync"/>).
/// On this node the file driver is fast (a sparse file), so both run inside the request, still through their statuses;
/// for a volume of another node the request writes the row and a job routed to that host (status creating or
/// deleting meanwhile), in one transaction.
/// </summary>
internal sealed class VolumeService(
    VolumeBackupDbContext db, VolumeStore volumes, JobQueue queue, JobSignal signal, IVolumeDriver driver, IVolumeSnapshots snapshots,
    NodeDirectory nodes, ThisNode self, IOptions<VolumeBackupOptions> options, IOptions<BackupOptions> backupOptions,
    ILogger<VolumeService> logger)
{
    public async Task<Volume> CreateAsync(string tenantId, string? userId, NewVolume request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var zone = EnsureAvailabilityZone(request.AvailabilityZone);
        var host = await nodes.PlaceNewVolumeAsync(ct);
        if (!IsLocal(host))
        {
            return await CreateOnOtherNodeAsync(tenantId, userId, request, zone, host, ct);
        }

        var volume = await AddWithinQuotaAsync(tenantId, userId, request, zone, driver.Host, ct);
        return await MakeLocallyAsync(tenantId, volume);
    }

    // The quota check and the insert are one guarded step: racing creates cannot together go over the quota.
    private async Task<Volume> AddWithinQuotaAsync(
        string tenantId, string? userId, NewVolume request, string zone, string host, CancellationToken ct) =>
        await volumes.TryAddWithinQuotaAsync(
            new Volume
            {
                TenantId = tenantId,
                UserId = userId,
                DisplayName = request.DisplayName,
                DisplayDescription = request.DisplayDescription,
                SizeGb = request.SizeGb,
                Status = VolumeStatus.Creating,
                AvailabilityZone = zone,
                Host = host,
                Metadata = request.Metadata,
            },
            options.Value.Quotas.ToVolumeQuota(),
            ct) ?? throw new FaultException(Fault.QuotaExceeded(FaultMessages.VolumeQuotaExceeded(request.SizeGb)));

    /// <summary>Whether a volume of <paramref name="host"/> is this node's own, kept by the local driver.</summary>
    private bool IsLocal(string host) => self.Roles.Worker && host == driver.Host;

    private async Task<Volume> MakeLocallyAsync(string tenantId, Volume volume)
    {
        string status;
        try
        {
            await driver.CreateAsync(RouteIds.Format(volume.Id), volume.SizeBytes, CancellationToken.None);
            status = VolumeStatus.Available;
        }
        catch (IOException e)
        {
            logger.VolumeCreateFailed(e, volume.Id);
            status = VolumeStatus.Error;
        }

        await volumes.TryTransitionAsync(volume.Id, [VolumeStatus.Creating], status, CancellationToken.None,
            status == VolumeStatus.Error ? "The volume driver could not create the volume." : null);
        return await volumes.FindAsync(tenantId, volume.Id, CancellationToken.None) ?? volume;
    }

    private async Task<Volume> CreateOnOtherNodeAsync(
        string tenantId, string? userId, NewVolume request, string zone, string host, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var volume = await AddWithinQuotaAsync(tenantId, userId, request, zone, host, ct);
        await queue.EnqueueAsync(VolumeJob(JobKind.CreateVolume, volume, host), ct);
        await transaction.CommitAsync(ct);
        signal.Notify();
        return volume;
    }

    private NewJob VolumeJob(string kind, Volume volume, string host) =>
        new(kind, VolumeId: volume.Id, TargetHost: host, MaxAttempts: backupOptions.Value.MaxAttempts, TenantId: volume.TenantId);

    /// <summary>The zone a new volume goes to: this node's, which is also the only one a request may name (else 400).</summary>
    public string EnsureAvailabilityZone(string? requested)
    {
        var zone = options.Value.AvailabilityZone;
        return requested is null || string.Equals(requested, zone, StringComparison.Ordinal)
            ? zone
            : throw new FaultException(Fault.BadRequest(FaultMessages.InvalidField("availability_zone", $"must be {zone}")));
    }

    /// <summary>Renames or redescribes a volume, in any status (as Cinder allows); 404 when it is gone.</summary>
    public async Task<Volume> UpdateAsync(string tenantId, long id, VolumeDescription changes, CancellationToken ct)
    {
        if (!await volumes.UpdateDescriptionAsync(tenantId, id, changes, ct))
        {
            throw new FaultException(Fault.ItemNotFound(FaultMessages.VolumeNotFound(RouteIds.Format(id))));
        }

        return await volumes.FindAsync(tenantId, id, ct)
            ?? throw new FaultException(Fault.ItemNotFound(FaultMessages.VolumeNotFound(RouteIds.Format(id))));
    }

    /// <summary>
    /// Deletes an available or error volume and its bytes; 404 when missing, 400 in any other status. An adopted volume
    /// ("manage existing") is released as unmanage does: the service never destroys bytes it did not create.
    /// </summary>
    public async Task DeleteAsync(string tenantId, long id, CancellationToken ct)
    {
        var volume = await volumes.FindAsync(tenantId, id, ct)
            ?? throw new FaultException(Fault.ItemNotFound(FaultMessages.VolumeNotFound(RouteIds.Format(id))));
        VolumeRules.EnsureDeletable(volume.Status);
        await EnsureNoPoliciesAsync(id, ct);
        await nodes.EnsureUpAsync(volume.Host, ct);
        string[] deletable = [VolumeStatus.Available, VolumeStatus.Error, VolumeStatus.ErrorRestoring];
        if (!IsLocal(volume.Host))
        {
            await DeleteOnOtherNodeAsync(volume, deletable, ct);
            return;
        }

        if (!await volumes.TryTransitionAsync(id, deletable, VolumeStatus.Deleting, ct))
        {
            // Lost a race with a backup, restore or another delete.
            throw new FaultException(Fault.BadRequest(FaultMessages.VolumeStatusMustBeAvailableOrError));
        }

        try
        {
            snapshots.DeleteAll(volume.Location()); // the kept base of the next incremental: no next backup will come

            if (volume.ManagedPath is null)
            {
                await driver.DeleteAsync(RouteIds.Format(id), CancellationToken.None);
            }
        }
        catch (IOException e)
        {
            logger.VolumeDeleteFailed(e, id);
            await volumes.TryTransitionAsync(id, [VolumeStatus.Deleting], VolumeStatus.Error, CancellationToken.None,
                "The volume driver could not delete the volume.");
            throw;
        }

        await volumes.RemoveDeletingAsync(id, CancellationToken.None);
    }

    /// <summary>
    /// A volume backed up by a schedule is not deleted (nor unmanaged): the schedule would fail forever, and deleting the
    /// policies silently would lose the user's retention settings. 400 until its policies are deleted.
    /// </summary>
    public async Task EnsureNoPoliciesAsync(long volumeId, CancellationToken ct)
    {
        if (await db.BackupPolicies.AnyAsync(p => p.VolumeId == volumeId, ct))
        {
            throw new FaultException(Fault.BadRequest(Policies.PolicyFaults.VolumeHasPolicies));
        }
    }

    private async Task DeleteOnOtherNodeAsync(Volume volume, string[] deletable, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await volumes.TryTransitionAsync(volume.Id, deletable, VolumeStatus.Deleting, ct))
        {
            throw new FaultException(Fault.BadRequest(FaultMessages.VolumeStatusMustBeAvailableOrError));
        }

        await queue.EnqueueAsync(VolumeJob(JobKind.DeleteVolume, volume, volume.Host), ct);
        await transaction.CommitAsync(ct);
        signal.Notify();
    }
}
