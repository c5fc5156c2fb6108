using VolumeBackup.Domain;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Volumes;

namespace VolumeBackup.Server.Operations.Volumes;

/// <summary>Where a domain volume's bytes are, in the volume drivers' terms.</summary>
internal static class VolumeLocations
{
    public static VolumeLocation Location(this Volume volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        return new VolumeLocation(RouteIds.Format(volume.Id), volume.ManagedPath);
    }
}
