using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Cinder.Volumes;

// The bodies Cinder clients send to the volumes resource, all under "volume". The server reads them field by field; these
// records describe them (the older display_name and display_description are read as well, and keys clients send as null,
// such as snapshot_id or imageRef, are accepted only as null).

/// <summary><c>POST /v3/{project_id}/volumes</c>: <c>size</c> in GB, or <c>backup_id</c> (3.47) to create from a backup.</summary>
public sealed record CinderCreateVolumeRequest
{
    [JsonPropertyName("size")] public int? Size { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("availability_zone")] public string? AvailabilityZone { get; init; }
    [JsonPropertyName("metadata")] public IReadOnlyDictionary<string, string>? Metadata { get; init; }
    [JsonPropertyName("volume_type")] public string? VolumeType { get; init; }
    [JsonPropertyName("backup_id")] public Guid? BackupId { get; init; }
    [JsonPropertyName("multiattach")] public bool? Multiattach { get; init; }
}

/// <summary><c>PUT /v3/{project_id}/volumes/{volume_id}</c>: a key left out stays.</summary>
public sealed record CinderUpdateVolumeRequest
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("metadata")] public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

/// <summary><c>POST /v3/{project_id}/manageable_volumes</c> (and <c>os-volume-manage</c>): adopt a device or file of a node.</summary>
public sealed record CinderManageVolumeRequest
{
    [JsonPropertyName("host")] public required string Host { get; init; }
    [JsonPropertyName("ref")] public required CinderManageReference Ref { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("availability_zone")] public string? AvailabilityZone { get; init; }
    [JsonPropertyName("metadata")] public IReadOnlyDictionary<string, string>? Metadata { get; init; }
    [JsonPropertyName("volume_type")] public string? VolumeType { get; init; }
    [JsonPropertyName("bootable")] public bool? Bootable { get; init; }
}

/// <summary>The device or file to adopt, by its path.</summary>
public sealed record CinderManageReference
{
    [JsonPropertyName("source-name")] public required string SourceName { get; init; }
}
