using System.Text.Json;
using VolumeBackup.Server.Api.Json;
using VolumeBackup.Server.Operations.Volumes;

namespace VolumeBackup.Server.Api.Hp.Volumes;

/// <summary>
/// Reads the HP surface's manage body, <c>{"volume": {"devicePath": "/dev/sdb", "host", "display_name",
/// "display_description", "availability_zone", "metadata"}}</c>: the path is the <c>devicePath</c> that admins see in a
/// volume's view; <c>host</c> (this node's name) may be left out.
/// </summary>
internal static class ManageVolumeParser
{
    public const int MaxPathLength = 4096;

    public static ManageRequest Parse(JsonElement volume)
    {
        var fields = new RequestFields(volume, FieldFaults.NameTheField);
        var path = fields.OptionalString("devicePath", MaxPathLength) ?? throw fields.Invalid("devicePath", "is required");
        return new ManageRequest(
            fields.OptionalString("host", 255),
            path,
            fields.OptionalString("display_name", 255),
            fields.OptionalString("display_description", 1024),
            fields.OptionalString("availability_zone", 64),
            fields.OptionalStringMap("metadata", maxEntries: 64, maxLength: 255) ?? new Dictionary<string, string>(StringComparer.Ordinal));
    }
}
