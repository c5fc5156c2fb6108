using System.Text.Json;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Server.Api.Json;

namespace VolumeBackup.Server.Api.Cinder.Volumes;

/// <summary>
/// What the create and update bodies share: the key check (an unknown key is a 400, as in Cinder's schema), names and
/// descriptions (Cinder's <c>name</c>/<c>description</c>, or the older <c>display_name</c>/<c>display_description</c>
/// that it still takes) and metadata, with the field reader the HP volumes API uses.
/// </summary>
internal static class CinderVolumeRequest
{
    public const int MaxNameLength = 255;
    public const int MaxMetadataEntries = 64;
    public const int MaxMetadataLength = 255;

    public static RequestFields Fields(JsonElement volume, IReadOnlyCollection<string> allowed)
    {
        var unexpected = volume.EnumerateObject().Select(p => p.Name).FirstOrDefault(name => !allowed.Contains(name));
        if (unexpected is not null)
        {
            throw new FaultException(Fault.BadRequest(
                $"Invalid input for field/attribute volume. Additional properties are not allowed ('{unexpected}' was unexpected)."));
        }

        return new RequestFields(volume, FieldFaults.NameTheField);
    }

    /// <summary>The value of <paramref name="key"/>, else of its older name <paramref name="legacyKey"/>.</summary>
    public static string? Text(RequestFields fields, string key, string legacyKey) =>
        fields.OptionalString(key, MaxNameLength) ?? fields.OptionalString(legacyKey, MaxNameLength);

    public static Dictionary<string, string>? Metadata(RequestFields fields) =>
        fields.OptionalStringMap("metadata", MaxMetadataEntries, MaxMetadataLength);
}
