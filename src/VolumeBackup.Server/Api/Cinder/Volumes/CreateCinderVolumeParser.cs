using System.Text.Json;
using VolumeBackup.Server.Api.Cinder.Versions;
using VolumeBackup.Server.Api.Json;
using VolumeBackup.Server.Operations.Volumes;

namespace VolumeBackup.Server.Api.Cinder.Volumes;

/// <summary>
/// Reads Cinder's create body. cinderclient and OSC send every key they know, most of them null: null (or false for
/// <c>multiattach</c>) is accepted for anything we do not do; a value we cannot honour is a 400 naming the key, never a
/// volume made without it (an empty volume instead of a snapshot's copy would lose data).
/// </summary>
internal static class CreateCinderVolumeParser
{
    /// <summary>From this microversion on a volume may be created from a backup (<c>backup_id</c>).</summary>
    public const int CreateFromBackup = 47;

    private static readonly string[] Allowed =
    [
        "size", "name", "description", "display_name", "display_description", "availability_zone", "metadata",
        "volume_type", "backup_id", "multiattach", "snapshot_id", "source_volid", "imageRef", "consistencygroup_id",
        "group_id", "source_replica",
    ];

    private static readonly string[] NullOnly = ["snapshot_id", "source_volid", "imageRef", "consistencygroup_id", "group_id", "source_replica"];

    public static CinderNewVolume Parse(JsonElement volume, CinderApiVersion version, int maxSizeGb)
    {
        var fields = CinderVolumeRequest.Fields(volume, Allowed);
        foreach (var key in NullOnly)
        {
            fields.RejectPresent(key, "is not supported: volumes are created empty or from a backup");
        }

        if (fields.OptionalString("volume_type", 255) is { } type && !CinderVolumeType.Names(type))
        {
            throw fields.Invalid("volume_type", $"must be {CinderVolumeType.Name}, the only volume type");
        }

        if (Multiattach(volume))
        {
            throw fields.Invalid("multiattach", "is not supported: a volume attaches to one server at a time");
        }

        var backupId = BackupId(fields, volume, version);
        var size = backupId is null || HasValue(volume, "size") ? fields.RequiredPositiveInt("size", maxSizeGb) : (int?)null;
        var request = new NewVolume(
            size ?? 0,
            CinderVolumeRequest.Text(fields, "name", "display_name"),
            CinderVolumeRequest.Text(fields, "description", "display_description"),
            fields.OptionalString("availability_zone", 64),
            CinderVolumeRequest.Metadata(fields) ?? new Dictionary<string, string>(StringComparer.Ordinal));
        return new CinderNewVolume(request, size, backupId);
    }

    private static Guid? BackupId(RequestFields fields, JsonElement volume, CinderApiVersion version)
    {
        if (!HasValue(volume, "backup_id"))
        {
            return null;
        }

        if (!version.AtLeast(CreateFromBackup))
        {
            throw fields.Invalid("backup_id", $"needs microversion 3.{CreateFromBackup} or later");
        }

        var text = fields.OptionalString("backup_id", 64);
        return Guid.TryParse(text, out var id) ? id : throw fields.Invalid("backup_id", "must be a UUID");
    }

    private static bool Multiattach(JsonElement volume) =>
        volume.TryGetProperty("multiattach", out var value) && value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.False => false,
            JsonValueKind.True => true,
            _ => throw new RequestFields(volume, FieldFaults.NameTheField).Invalid("multiattach", "must be a boolean"),
        };

    private static bool HasValue(JsonElement volume, string key) =>
        volume.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null;
}
