using System.Text.Json;
using VolumeBackup.Server.Api.Json;
using VolumeBackup.Server.Operations.Volumes;

namespace VolumeBackup.Server.Api.Hp.Volumes;

/// <summary>
/// Reads <c>{"volume": {"size": 1, "display_name", "display_description", "availability_zone", "metadata"}}</c> with
/// <see cref="RequestFields"/>. Wrong types or values -> 400 naming the field; unknown keys are ignored, except
/// features we cannot honour.
/// </summary>
internal static class CreateVolumeParser
{
    public static NewVolume Parse(JsonElement volume, int maxSizeGb)
    {
        var fields = new RequestFields(volume, FieldFaults.NameTheField);
        var size = fields.RequiredPositiveInt("size", maxSizeGb);
        var name = fields.OptionalString("display_name", 255);
        var description = fields.OptionalString("display_description", 1024);
        var zone = fields.OptionalString("availability_zone", 64);
        var metadata = fields.OptionalStringMap("metadata", maxEntries: 64, maxLength: 255);

        // Volumes from snapshots or images do not exist here; silently making an empty volume would lose data.
        foreach (var unsupported in (string[])["snapshot_id", "imageRef", "source_volid"])
        {
            fields.RejectPresent(unsupported, "is not supported");
        }

        return new NewVolume(size, name, description, zone, metadata ?? new Dictionary<string, string>(StringComparer.Ordinal));
    }
}
