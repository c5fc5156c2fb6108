using System.Security.Cryptography;
using System.Text;
using VolumeBackup.Contracts.Cinder.Volumes;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Server.Api.Cinder.Versions;

namespace VolumeBackup.Server.Api.Cinder.Volumes;

/// <summary>
/// Turns a volume into Cinder's views. The fields a microversion added appear from that version on, as Cinder shows
/// them (docs/cinder-api.md, Volumes); admin-only fields only for admins.
/// </summary>
internal static class CinderVolumeViews
{
    public const int GroupIdSince = 13;
    public const int ProviderIdSince = 21;
    public const int ServiceUuidAndSharedTargetsSince = 48;
    public const int ClusterNameSince = 61;
    public const int VolumeTypeIdSince = 63;
    public const int ConsumesQuotaSince = 65;

    public static CinderVolumeSummary Summary(Volume volume, CinderLinks links) =>
        new(Id(volume), volume.DisplayName, links.For(volume.TenantId, "volumes", Id(volume)));

    public static CinderVolume Detail(Volume volume, CinderApiVersion version, bool admin, CinderLinks links) => new()
    {
        Id = Id(volume),
        Name = volume.DisplayName,
        Description = volume.DisplayDescription,
        Status = volume.Status,
        Size = volume.SizeGb,
        AvailabilityZone = volume.AvailabilityZone,
        CreatedAt = volume.CreatedAt,
        UpdatedAt = volume.UpdatedAt,
        Attachments = Attachments(volume),
        VolumeType = CinderVolumeType.Name,
        Metadata = volume.Metadata,
        UserId = volume.UserId,
        Bootable = "false", // no images here: nothing is bootable
        Encrypted = false,
        Multiattach = false,
        ReplicationStatus = null,
        TenantId = admin ? volume.TenantId : null,
        Host = admin ? volume.Host : null,
        Links = links.For(volume.TenantId, "volumes", Id(volume)),
        // Later microversions' fields, each from its version (null: left out).
        GroupId = version.AtLeast(GroupIdSince) ? CinderVolume.JsonNull : null, // no groups here
        ProviderId = version.AtLeast(ProviderIdSince) && admin ? CinderVolume.JsonNull : null, // the file is named by the volume's id
        ServiceUuid = version.AtLeast(ServiceUuidAndSharedTargetsSince) ? ServiceUuid(volume.Host) : null,
        SharedTargets = version.AtLeast(ServiceUuidAndSharedTargetsSince) ? false : null,
        ClusterName = version.AtLeast(ClusterNameSince) && admin ? CinderVolume.JsonNull : null, // nodes are not clustered services
        VolumeTypeId = version.AtLeast(VolumeTypeIdSince) ? CinderVolumeType.Id : null,
        ConsumesQuota = version.AtLeast(ConsumesQuotaSince) ? true : null, // every volume counts against the quota
    };

    public static string Id(Volume volume) => volume.Uuid.ToString("D");

    private static List<CinderVolumeAttachment> Attachments(Volume volume) => volume.AttachmentId is { } attachment
        ? [new CinderVolumeAttachment
        {
            Id = Id(volume),
            AttachmentId = attachment.ToString("D"),
            VolumeId = Id(volume),
            ServerId = volume.AttachedServerId,
            HostName = volume.AttachedHostName,
            Device = volume.AttachedDevice,
            AttachedAt = volume.AttachedAt,
        }]
        : [];

    /// <summary>The id of the volume service holding the volume: stable per node, derived from its host name.</summary>
    private static string ServiceUuid(string host)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("volume-service:" + host), hash);
        return new Guid(hash[..16]).ToString("D");
    }
}
