using VolumeBackup.Contracts.Volumes;
using VolumeBackup.Domain;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Server.Operations.Volumes;
using VolumeBackup.Volumes;

namespace VolumeBackup.Server.Api.Hp.Volumes;

/// <summary>Turns a volume into Nova's os-volumes shape (an in-use volume lists its attachment); admins also see the host and the device path.</summary>
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
        Attachments = Attachments(volume),
        Host = admin ? volume.Host : null,
        DevicePath = admin && volume.Host == driver.Host ? driver.PathOf(volume.Location()) : null, // an adopted volume's own device
    };

    /// <summary>
    /// Nova's attachment view of an attached volume (<c>id</c> and <c>volumeId</c> are the volume's, <c>serverId</c> the
    /// server's, <c>device</c> only when known); none when detached.
    /// </summary>
    private static List<IReadOnlyDictionary<string, string>> Attachments(Volume volume)
    {
        if (volume.AttachmentId is null)
        {
            return [];
        }

        var id = RouteIds.Format(volume.Id);
        var attachment = new Dictionary<string, string>(StringComparer.Ordinal) { ["id"] = id, ["volumeId"] = id };
        if (volume.AttachedServerId is { } server)
        {
            attachment["serverId"] = server;
        }

        if (volume.AttachedDevice is { } device)
        {
            attachment["device"] = device;
        }

        return [attachment];
    }
}
