using System.Text.Json;
using VolumeBackup.Domain.Faults;
using VolumeBackup.ObjectStores;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Api.Cinder.Versions;
using VolumeBackup.Server.Api.Json;

namespace VolumeBackup.Server.Api.Cinder.Backups;

/// <summary>A parsed Cinder create-backup body; ids are still Cinder's (UUIDs).</summary>
internal sealed record CinderCreateBackup(Guid VolumeId, string? Container, string? Name, string? Description)
{
    public bool Incremental { get; init; }

    public bool Force { get; init; }

    public Dictionary<string, string>? Metadata { get; init; }

    public string? AvailabilityZone { get; init; }
}

/// <summary>A parsed restore body: the target volume (null: a new one) and the new volume's name.</summary>
internal sealed record CinderRestoreBackup(Guid? VolumeId, string? Name);

/// <summary>
/// Reads the bodies of the backups resource as Cinder's schemas do: unknown keys (and keys of a later microversion) are
/// a 400 naming the key; wrong types are a 400 naming the field; null or false is accepted for every key clients send
/// and this service does not use. Booleans take Cinder's spellings (<c>true</c>, <c>"yes"</c>, <c>"1"</c>, <c>"on"</c>...).
/// </summary>
internal static class CinderBackupRequests
{
    private const int MaxTextLength = 255; // Cinder's limit on name, description, container and metadata
    private const int MaxMetadataEntries = 128;

    public static CinderCreateBackup ParseCreate(JsonElement body, CinderApiVersion version)
    {
        EnsureKnownKeys(body, ["volume_id", "container", "name", "description", "incremental", "force", "snapshot_id"], version,
            (CinderVersions.BackupMetadata, "metadata"), (CinderVersions.BackupAvailabilityZone, "availability_zone"));
        var fields = new RequestFields(body, FieldFaults.NameTheField);
        var volumeId = OptionalUuid(body, "volume_id") ?? throw fields.Invalid("volume_id", "is required");
        if (OptionalUuid(body, "snapshot_id") is not null)
        {
            throw new FaultException(Fault.BadRequest(FaultMessages.SnapshotBackupsUnavailable));
        }

        var container = fields.OptionalString("container", MaxTextLength);
        if (container is not null && !ObjectKeys.IsValidContainer(container))
        {
            throw fields.Invalid("container", "is not a valid container name");
        }

        return new CinderCreateBackup(volumeId, container, Trimmed(fields.OptionalString("name", MaxTextLength)),
            Trimmed(fields.OptionalString("description", MaxTextLength)))
        {
            Incremental = OptionalBool(body, "incremental") ?? false,
            Force = OptionalBool(body, "force") ?? false,
            Metadata = fields.OptionalStringMap("metadata", MaxMetadataEntries, MaxTextLength),
            AvailabilityZone = fields.OptionalString("availability_zone", MaxTextLength),
        };
    }

    /// <summary>PUT (3.9): name, description, and from 3.43 metadata; a key left out stays as it is.</summary>
    public static BackupDetailsChange ParseUpdate(JsonElement body, CinderApiVersion version)
    {
        EnsureKnownKeys(body, ["name", "description"], version, (CinderVersions.BackupMetadata, "metadata"));
        var fields = new RequestFields(body, FieldFaults.NameTheField);
        return new BackupDetailsChange(
            body.TryGetProperty("name", out _), Trimmed(fields.OptionalString("name", MaxTextLength)),
            body.TryGetProperty("description", out _), Trimmed(fields.OptionalString("description", MaxTextLength)))
        {
            Metadata = fields.OptionalStringMap("metadata", MaxMetadataEntries, MaxTextLength),
        };
    }

    /// <summary>The <c>restore</c> object, which may be null (restore to a new volume with Cinder's name).</summary>
    public static CinderRestoreBackup ParseRestore(JsonElement? body)
    {
        if (body is not { } restore)
        {
            return new CinderRestoreBackup(null, null);
        }

        EnsureKnownKeys(restore, ["volume_id", "name"]);
        var fields = new RequestFields(restore, FieldFaults.NameTheField);
        return new CinderRestoreBackup(OptionalUuid(restore, "volume_id"), fields.OptionalString("name", MaxTextLength));
    }

    /// <summary>The status asked by <c>os-reset_status</c>: <c>{"status": "..."}</c>, required.</summary>
    public static string ParseResetStatus(JsonElement action)
    {
        if (action.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("os-reset_status", "must be an object");
        }

        EnsureKnownKeys(action, ["status"]);
        return new RequestFields(action, FieldFaults.NameTheField).OptionalString("status", MaxTextLength)
            ?? throw Invalid("status", "is required");
    }

    /// <summary>The two strings of an import body's <c>backup-record</c>.</summary>
    public static (string Service, string Url) ParseImport(JsonElement record)
    {
        EnsureKnownKeys(record, ["backup_service", "backup_url"]);
        var fields = new RequestFields(record, FieldFaults.NameTheField);
        var service = fields.OptionalString("backup_service", MaxTextLength) ?? throw Invalid("backup_service", "is required");
        var url = fields.OptionalString("backup_url", 64 << 10) ?? throw Invalid("backup_url", "is required");
        return (service, url);
    }

    /// <summary>A UUID field (Cinder validates ids in bodies); null when absent or null.</summary>
    public static Guid? OptionalUuid(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id)
            ? id
            : throw Invalid(name, "must be a UUID");
    }

    /// <summary>Cinder's lenient boolean: JSON true/false or one of its strings; null when absent or null.</summary>
    public static bool? OptionalBool(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when IsOneOf(value.GetString()!, "true", "t", "1", "on", "yes", "y") => true,
            JsonValueKind.String when IsOneOf(value.GetString()!, "false", "f", "0", "off", "no", "n") => false,
            _ => throw Invalid(name, "must be a boolean"),
        };
    }

    public static FaultException Invalid(string field, string expectation) =>
        new(Fault.BadRequest(FaultMessages.InvalidField(field, expectation)));

    private static void EnsureKnownKeys(JsonElement body, string[] known, CinderApiVersion? version = null, params (int Minor, string Key)[] versioned)
    {
        foreach (var property in body.EnumerateObject())
        {
            var allowed = known.Contains(property.Name, StringComparer.Ordinal)
                || versioned.Any(v => v.Key == property.Name && version is { } asked && asked.AtLeast(v.Minor));
            if (!allowed)
            {
                throw Invalid(property.Name, "is not a field of this request at this microversion");
            }
        }
    }

    private static string? Trimmed(string? text) => text?.Trim();

    private static bool IsOneOf(string text, params string[] spellings) =>
        spellings.Any(s => s.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase));
}
