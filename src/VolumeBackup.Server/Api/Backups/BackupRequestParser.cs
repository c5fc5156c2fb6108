using System.Text.Json;
using VolumeBackup.Domain;
using VolumeBackup.Domain.Faults;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.Server.Api.Backups;

/// <summary>
/// Reads the bodies of create (<c>{"backup": {...}}</c>) and restore (<c>{"restore": {...}}</c>). Any problem (a wrong
/// type, a missing or malformed id, an over-long name, a container name no store accepts) is the spec's one answer,
/// 400 <c>Incorrect request body format.</c>, before anything is read or changed. Unknown keys are ignored.
/// </summary>
public static class BackupRequestParser
{
    // The database columns' sizes (Persistence BackupConfiguration).
    private const int MaxNameLength = 255;
    private const int MaxDescriptionLength = 1024;

    public static NewBackup ParseCreate(JsonElement backup, string defaultContainer)
    {
        var volumeId = ReadId(backup, "volume_id") ?? throw BadFormat();
        var name = ReadString(backup, "display_name", MaxNameLength);
        var description = ReadString(backup, "display_description", MaxDescriptionLength);

        // Swift and the file store both accept these names: no '/', no "." or "..", no control characters, <= 256.
        var container = ReadString(backup, "container", 256) ?? defaultContainer;
        return ObjectKeys.IsValidContainer(container)
            ? new NewBackup(volumeId, name, description, container)
            : throw BadFormat();
    }

    /// <summary>The target volume of a restore; null means "restore to a new volume".</summary>
    public static long? ParseRestore(JsonElement restore) => ReadId(restore, "volume_id");

    /// <summary>An id as the spec shows it (<c>"9"</c>) or as a number (<c>9</c>); null when absent or null.</summary>
    private static long? ReadId(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        long id = 0;
        var valid = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt64(out id) && id > 0,
            JsonValueKind.String => RouteIds.TryParse(value.GetString(), out id),
            _ => false,
        };
        return valid ? id : throw BadFormat();
    }

    private static string? ReadString(JsonElement body, string name, int maxLength)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw BadFormat();
        return text.Length <= maxLength ? text : throw BadFormat();
    }

    private static FaultException BadFormat() => new(Fault.BadRequest(FaultMessages.IncorrectBodyFormat));
}
