using VolumeBackup.Domain;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Nodes;

namespace VolumeBackup.Server.Operations.Volumes;

/// <summary>
/// Attach and detach bookkeeping, Cinder's legacy flow: reserve (available -> attaching) and unreserve, attach
/// (-> in-use, recording where), begin detaching (in-use -> detaching) and roll it back, detach (-> available).
/// The compute side does the actual connection; here the volume's status guards it against backups, restores and
/// deletes. Each change is one guarded statement: of two racing requests one wins and the other gets the rule's 400.
/// A volume whose host is down answers every one of them with a 400 naming the host, before anything changes.
/// </summary>
internal sealed class VolumeAttachments(VolumeStore volumes, NodeDirectory nodes, TimeProvider time)
{
    public async Task ReserveAsync(string tenantId, long id, CancellationToken ct)
    {
        var volume = await FindAsync(tenantId, id, ct);
        VolumeRules.EnsureCanBeReserved(volume.Status);
        if (!await volumes.TryTransitionAsync(id, [VolumeStatus.Available], VolumeStatus.Attaching, ct))
        {
            throw await LostRaceAsync(tenantId, id, VolumeRules.EnsureCanBeReserved, ct);
        }
    }

    /// <summary>Gives a reservation back; a volume that is not <c>attaching</c> is left as it is (Cinder does the same).</summary>
    public async Task UnreserveAsync(string tenantId, long id, CancellationToken ct)
    {
        _ = await FindAsync(tenantId, id, ct);
        await volumes.TryTransitionAsync(id, [VolumeStatus.Attaching], VolumeStatus.Available, ct);
    }

    public async Task<VolumeAttachment> AttachAsync(
        string tenantId, long id, string? serverId, string? hostName, string? device, string mode, CancellationToken ct)
    {
        var volume = await FindAsync(tenantId, id, ct);
        VolumeRules.EnsureCanBeAttached(volume.Status);
        var attachment = new VolumeAttachment(Guid.NewGuid(), serverId, hostName, device, mode, time.GetUtcNow());
        if (!await volumes.TryAttachAsync(id, [VolumeStatus.Available, VolumeStatus.Attaching], attachment, ct))
        {
            throw await LostRaceAsync(tenantId, id, VolumeRules.EnsureCanBeAttached, ct);
        }

        return attachment;
    }

    public async Task BeginDetachingAsync(string tenantId, long id, CancellationToken ct)
    {
        var volume = await FindAsync(tenantId, id, ct);
        VolumeRules.EnsureCanBeginDetaching(volume.Status);
        if (!await volumes.TryTransitionAsync(id, [VolumeStatus.InUse], VolumeStatus.Detaching, ct))
        {
            throw await LostRaceAsync(tenantId, id, VolumeRules.EnsureCanBeginDetaching, ct);
        }
    }

    /// <summary>Undoes a begun detach; a volume that is not <c>detaching</c> is left as it is (Cinder does the same).</summary>
    public async Task RollDetachingAsync(string tenantId, long id, CancellationToken ct)
    {
        _ = await FindAsync(tenantId, id, ct);
        await volumes.TryTransitionAsync(id, [VolumeStatus.Detaching], VolumeStatus.InUse, ct);
    }

    /// <summary>Detaches; when <paramref name="attachmentId"/> is given it must be the volume's attachment (else 404).</summary>
    public async Task DetachAsync(string tenantId, long id, Guid? attachmentId, CancellationToken ct)
    {
        var volume = await FindAsync(tenantId, id, ct);
        VolumeRules.EnsureCanBeDetached(volume.Status);
        if (attachmentId is { } wanted && volume.AttachmentId != wanted)
        {
            throw new FaultException(Fault.ItemNotFound(FaultMessages.VolumeAttachmentNotFound(wanted.ToString("D"))));
        }

        if (!await volumes.TryDetachAsync(id, [VolumeStatus.InUse, VolumeStatus.Detaching], attachmentId, ct))
        {
            throw await LostRaceAsync(tenantId, id, VolumeRules.EnsureCanBeDetached, ct);
        }
    }

    private async Task<Volume> FindAsync(string tenantId, long id, CancellationToken ct)
    {
        var volume = await volumes.FindAsync(tenantId, id, ct)
            ?? throw new FaultException(Fault.ItemNotFound(FaultMessages.VolumeNotFound(RouteIds.Format(id))));
        await nodes.EnsureUpAsync(volume.Host, ct);
        return volume;
    }

    /// <summary>After a guarded update found the volume changed meanwhile: the rule's fault for its new status.</summary>
    private async Task<FaultException> LostRaceAsync(string tenantId, long id, Action<string> rule, CancellationToken ct)
    {
        var now = await FindAsync(tenantId, id, ct);
        try
        {
            rule(now.Status);
        }
        catch (FaultException fault)
        {
            return fault;
        }

        // The status passes the rule again (it changed back): still a lost race, worded for the status seen.
        return new FaultException(Fault.BadRequest(FaultMessages.VolumeMustBeAvailableToAttach(now.Status)));
    }
}
