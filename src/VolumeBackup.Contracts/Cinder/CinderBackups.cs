using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Cinder;

/// <summary>A backup as Cinder's summary list, create, update and import answer it: <c>id</c>, <c>name</c>, <c>links</c>.</summary>
public sealed record CinderBackupSummary(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("links")] IReadOnlyList<CinderLink> Links);

/// <summary>
/// A backup as Cinder's show and detail list answer it (Tempest's schema allows no other field). The last three are
/// shown only from their microversion on (and the project and user only to admins): null leaves them out.
/// </summary>
public sealed record CinderBackupDetail
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("size")] public required int Size { get; init; }
    [JsonPropertyName("object_count")] public required int ObjectCount { get; init; }
    [JsonPropertyName("availability_zone")] public string? AvailabilityZone { get; init; }
    [JsonPropertyName("container")] public string? Container { get; init; }

    [JsonPropertyName("created_at")]
    [JsonConverter(typeof(CinderTimestampConverter))]
    public required DateTimeOffset CreatedAt { get; init; }

    [JsonPropertyName("updated_at")]
    [JsonConverter(typeof(CinderTimestampConverter))]
    public required DateTimeOffset UpdatedAt { get; init; }

    [JsonPropertyName("fail_reason")] public string? FailReason { get; init; }
    [JsonPropertyName("volume_id")] public required string VolumeId { get; init; }
    [JsonPropertyName("links")] public required IReadOnlyList<CinderLink> Links { get; init; }
    [JsonPropertyName("is_incremental")] public required bool IsIncremental { get; init; }
    [JsonPropertyName("has_dependent_backups")] public required bool HasDependentBackups { get; init; }
    [JsonPropertyName("snapshot_id")] public string? SnapshotId { get; init; }

    [JsonPropertyName("data_timestamp")]
    [JsonConverter(typeof(CinderTimestampConverter))]
    public required DateTimeOffset DataTimestamp { get; init; }

    /// <summary>3.18, admins only.</summary>
    [JsonPropertyName("os-backup-project-attr:project_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ProjectId { get; init; }

    /// <summary>3.43.</summary>
    [JsonPropertyName("metadata")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>3.56, admins only.</summary>
    [JsonPropertyName("user_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UserId { get; init; }
}

/// <summary><c>{"backup": {...}}</c>.</summary>
public sealed record CinderBackupEnvelope<T>([property: JsonPropertyName("backup")] T Backup);

/// <summary>
/// <c>{"backups": [...]}</c>, with <c>backups_links</c> (a <c>next</c> link) when the page is full and <c>count</c>
/// when asked for (3.45).
/// </summary>
public sealed record CinderBackupsEnvelope<T>([property: JsonPropertyName("backups")] IReadOnlyList<T> Backups)
{
    [JsonPropertyName("backups_links")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<CinderLink>? Links { get; init; }

    [JsonPropertyName("count")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Count { get; init; }
}

/// <summary>The answer to a restore: <c>{"restore": {"backup_id", "volume_id", "volume_name"}}</c>.</summary>
public sealed record CinderRestoreEnvelope([property: JsonPropertyName("restore")] CinderRestoreResult Restore);

public sealed record CinderRestoreResult(
    [property: JsonPropertyName("backup_id")] string BackupId,
    [property: JsonPropertyName("volume_id")] string VolumeId,
    [property: JsonPropertyName("volume_name")] string VolumeName);

/// <summary>
/// An exported backup, <c>{"backup-record": {"backup_service", "backup_url"}}</c>, and the body of an import: the url is
/// base64 of a <see cref="CinderBackupRecord"/>.
/// </summary>
public sealed record CinderBackupRecordEnvelope([property: JsonPropertyName("backup-record")] CinderBackupRecordReference Record);

public sealed record CinderBackupRecordReference(
    [property: JsonPropertyName("backup_service")] string BackupService,
    [property: JsonPropertyName("backup_url")] string BackupUrl);

/// <summary>
/// What an export carries (as JSON, base64-encoded in <c>backup_url</c>): the backup's facts in Cinder's field names,
/// and <c>service_metadata</c>, the name of its root manifest in the container (<c>backups/&lt;name&gt;/manifest.json</c>),
/// which is what an import on another deployment needs to find the data.
/// </summary>
public sealed record CinderBackupRecord
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("display_name")] public string? DisplayName { get; init; }
    [JsonPropertyName("display_description")] public string? DisplayDescription { get; init; }
    [JsonPropertyName("container")] public required string Container { get; init; }
    [JsonPropertyName("size")] public required int Size { get; init; }
    [JsonPropertyName("object_count")] public required int ObjectCount { get; init; }
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("project_id")] public required string ProjectId { get; init; }
    [JsonPropertyName("user_id")] public string? UserId { get; init; }
    [JsonPropertyName("volume_id")] public required string VolumeId { get; init; }
    [JsonPropertyName("is_incremental")] public required bool IsIncremental { get; init; }
    [JsonPropertyName("metadata")] public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    [JsonPropertyName("created_at")]
    [JsonConverter(typeof(CinderTimestampConverter))]
    public required DateTimeOffset CreatedAt { get; init; }

    [JsonPropertyName("service")] public required string Service { get; init; }
    [JsonPropertyName("service_metadata")] public required string ServiceMetadata { get; init; }
}
