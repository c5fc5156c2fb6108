using VolumeBackup.Domain.Faults;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Persistence.Stores;

namespace VolumeBackup.Server.Api.Cinder.Volumes;

/// <summary>
/// Resolves a Cinder volume id (a UUID) to the tenant's row. Anything else, a missing volume and another tenant's
/// volume all answer the same 404, so ids of other tenants cannot be probed.
/// </summary>
internal static class CinderVolumeLookup
{
    public static async Task<Volume> FindAsync(VolumeStore volumes, string tenantId, string volumeId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(volumes);
        var volume = Guid.TryParseExact(volumeId, "D", out var uuid) ? await volumes.FindByUuidAsync(tenantId, uuid, ct) : null;
        return volume ?? throw NotFound(volumeId);
    }

    public static FaultException NotFound(string volumeId) => new(Fault.ItemNotFound(FaultMessages.VolumeNotFound(volumeId)));
}
