using VolumeBackup.Contracts.Volumes;
using VolumeBackup.Domain;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Volumes;

namespace VolumeBackup.Server.Api.Hp.Volumes;

/// <summary>Turns a volume into Nova's os-volumes shape; admins also see the host and the device path.</summary>
internal static class VolumeViews
{
    public static VolumeDetail ToDetail(Volume volume, bool admin, IVolumeDriver driver) => new()
    {
        Id = RouteIds.Format(volume.Id),
        DisplayName = volume.DisplayName,
        DisplayDescription = volume.DisplayDescription,
        Size = volume.SizeGb,
        Status = volume.Status,
        AvailabilityZone = volume.AvailabilityZone,
        CreatedAt = volume.CreatedAt,
        Metadata = volume.Metadata,
        Host = admin ? volume.Host : null,
        DevicePath = admin && volume.Host == driver.Host ? driver.GetDevicePath(RouteIds.Format(volume.Id)) : null,
    };
}
