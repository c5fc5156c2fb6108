using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
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
    public const int GroupId = 13;
    public const int ProviderId = 21;
    public const int ServiceUuidAndSharedTargets = 48;
    public const int ClusterName = 61;
    public const int VolumeTypeId = 63;
    public const int ConsumesQuota = 65;

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
        MicroversionFields = MicroversionFields(volume, version, admin),
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

    private static JsonObject? MicroversionFields(Volume volume, CinderApiVersion version, bool admin)
    {
        var fields = new JsonObject();
        if (version.AtLeast(GroupId))
        {
            fields["group_id"] = null; // no groups here
        }

        if (version.AtLeast(ProviderId) && admin)
        {
            fields["provider_id"] = null; // no backend-side id: the volume is a file named by its id
        }

        if (version.AtLeast(ServiceUuidAndSharedTargets))
        {
            fields["service_uuid"] = ServiceUuid(volume.Host);
            fields["shared_targets"] = false;
        }

        if (version.AtLeast(ClusterName) && admin)
        {
            fields["cluster_name"] = null; // nodes are not clustered volume services
        }

        if (version.AtLeast(VolumeTypeId))
        {
            fields["volume_type_id"] = CinderVolumeType.Id;
        }

        if (version.AtLeast(ConsumesQuota))
        {
            fields["consumes_quota"] = true; // every volume counts against the tenant's quota
        }

        return fields.Count == 0 ? null : fields;
    }

    /// <summary>The id of the volume service holding the volume: stable per node, derived from its host name.</summary>
    private static string ServiceUuid(string host)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("volume-service:" + host), hash);
        return new Guid(hash[..16]).ToString("D");
    }
}
