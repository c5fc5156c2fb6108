using System.Text.Json;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Server.Api.Json;

namespace VolumeBackup.Server.Api.Volumes;

/// <summary>
/// Reads <c>{"volume": {"size": 1, "display_name", "display_description", "availability_zone", "metadata"}}</c>.
/// Wrong types or values -> 400 naming the field; unknown keys are ignored, except features we cannot honour.
/// </summary>
public static class CreateVolumeParser
{
    public static NewVolume Parse(JsonElement volume, int maxSizeGb)
    {
        var size = RequestFields.RequiredPositiveInt(volume, "size", maxSizeGb);
        var name = RequestFields.OptionalString(volume, "display_name", 255);
        var description = RequestFields.OptionalString(volume, "display_description", 1024);
        var zone = RequestFields.OptionalString(volume, "availability_zone", 64);
        var metadata = RequestFields.OptionalStringMap(volume, "metadata", maxEntries: 64, maxLength: 255);

        // Volumes from snapshots or images do not exist here; silently making an empty volume would lose data.
        foreach (var unsupported in (string[])["snapshot_id", "imageRef", "source_volid"])
        {
            if (volume.TryGetProperty(unsupported, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                throw new FaultException(Fault.BadRequest(FaultMessages.InvalidField(unsupported, "is not supported")));
            }
        }

        return new NewVolume(size, name, description, zone, metadata ?? new Dictionary<string, string>(StringComparer.Ordinal));
    }
}
