using System.Text.Json;
using VolumeBackup.Server.Api.Hp.Volumes;
using VolumeBackup.Server.Api.Json;
using VolumeBackup.Server.Operations.Volumes;

namespace VolumeBackup.Server.Api.Cinder.Volumes;

/// <summary>
/// Reads Cinder's manage body (<c>cinder manage</c>, <c>openstack volume create --remote-source</c>):
/// <c>{"volume": {"host": "node@backend#pool", "ref": {"source-name": "/dev/sdb"}, "name", "description",
/// "availability_zone", "metadata", "bootable", "volume_type", "cluster"}}</c>. The reference names the device or file
/// by its path (<c>source-name</c>); a <c>source-id</c> means nothing for a path, so it is a 400.
/// </summary>
internal static class ManageCinderVolumeParser
{
    private static readonly string[] Allowed =
    [
        "host", "cluster", "ref", "name", "description", "display_name", "display_description", "availability_zone",
        "metadata", "bootable", "volume_type",
    ];

    public static ManageRequest Parse(JsonElement volume)
    {
        var fields = CinderVolumeRequest.Fields(volume, Allowed);
        fields.RejectPresent("cluster", "is not supported: name this node in 'host'");
        var host = fields.OptionalString("host", 255)
            ?? throw fields.Invalid("host", "is required: the node whose device or file is adopted");
        if (fields.OptionalString("volume_type", 255) is { } type && !CinderVolumeType.Names(type))
        {
            throw fields.Invalid("volume_type", $"must be {CinderVolumeType.Name}, the only volume type");
        }

        if (volume.TryGetProperty("bootable", out var bootable) && bootable.ValueKind is not (JsonValueKind.Null or JsonValueKind.False))
        {
            throw fields.Invalid("bootable", "must be false: bootable volumes are not supported");
        }

        return new ManageRequest(
            host,
            SourceName(fields, volume),
            CinderVolumeRequest.Text(fields, "name", "display_name"),
            CinderVolumeRequest.Text(fields, "description", "display_description"),
            fields.OptionalString("availability_zone", 64),
            CinderVolumeRequest.Metadata(fields) ?? new Dictionary<string, string>(StringComparer.Ordinal));
    }

    private static string SourceName(RequestFields fields, JsonElement volume)
    {
        if (!volume.TryGetProperty("ref", out var reference) || reference.ValueKind != JsonValueKind.Object)
        {
            throw fields.Invalid("ref", "is required: an object naming the device or file in 'source-name'");
        }

        var refFields = new RequestFields(reference, FieldFaults.NameTheField);
        return refFields.OptionalString("source-name", ManageVolumeParser.MaxPathLength)
            ?? throw fields.Invalid("ref", "must name the device or file by its path in 'source-name'");
    }
}
