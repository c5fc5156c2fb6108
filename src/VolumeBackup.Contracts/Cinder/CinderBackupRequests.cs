using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Cinder;

// The bodies Cinder clients send to the backups resource. The server reads them field by field (so that it can name a
// wrong field and check microversions); these records describe them, in the OpenAPI document among other places.

/// <summary><c>POST /v3/{project_id}/backups</c>, under <c>"backup"</c>; <c>metadata</c> from 3.43, <c>availability_zone</c> from 3.51.</summary>
public sealed record CinderCreateBackupRequest
{
    [JsonPropertyName("volume_id")] public required Guid VolumeId { get; init; }
    [JsonPropertyName("container")] public string? Container { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("incremental")] public bool? Incremental { get; init; }
    [JsonPropertyName("force")] public bool? Force { get; init; }
    [JsonPropertyName("metadata")] public IReadOnlyDictionary<string, string>? Metadata { get; init; }
    [JsonPropertyName("availability_zone")] public string? AvailabilityZone { get; init; }
}

/// <summary><c>PUT /v3/{project_id}/backups/{backup_id}</c> (3.9), under <c>"backup"</c>; <c>metadata</c> from 3.43. A key left out stays.</summary>
public sealed record CinderUpdateBackupRequest
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("metadata")] public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

/// <summary><c>POST .../backups/{backup_id}/restore</c>, under <c>"restore"</c> (which may be null): no volume means a new one.</summary>
public sealed record CinderRestoreRequest
{
    [JsonPropertyName("volume_id")] public Guid? VolumeId { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
}

/// <summary>The arguments of the backup action <c>os-reset_status</c>.</summary>
public sealed record CinderResetStatusRequest
{
    [JsonPropertyName("status")] public required string Status { get; init; }
}
