using System.Text.Json;
using VolumeBackup.Persistence.Stores;

namespace VolumeBackup.Server.Api.Cinder.Volumes;

/// <summary>
/// Reads Cinder's update body <c>{"volume": {"name", "description", "metadata"}}</c> (or the older display_ names).
/// A key that is present changes the field, null included (a name set to null clears it); metadata replaces the old.
/// </summary>
internal static class UpdateCinderVolumeParser
{
    private static readonly string[] Allowed = ["name", "description", "display_name", "display_description", "metadata"];

    public static VolumeDescription Parse(JsonElement volume)
    {
        var fields = CinderVolumeRequest.Fields(volume, Allowed);
        return new VolumeDescription
        {
            SetName = Has(volume, "name") || Has(volume, "display_name"),
            Name = CinderVolumeRequest.Text(fields, "name", "display_name"),
            SetDescription = Has(volume, "description") || Has(volume, "display_description"),
            Description = CinderVolumeRequest.Text(fields, "description", "display_description"),
            Metadata = CinderVolumeRequest.Metadata(fields),
        };
    }

    private static bool Has(JsonElement volume, string key) => volume.TryGetProperty(key, out _);
}
