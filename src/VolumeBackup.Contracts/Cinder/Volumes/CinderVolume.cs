using System.Text.Json;
using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Cinder.Volumes;

/// <summary>
/// A volume in Cinder's detail shape (show, detail list, create and update answers), with the 3.0 fields typed here.
/// Fields added by later microversions appear only when the request negotiated their version: they are left out when
/// null. Those whose value is itself null here (<c>group_id</c>, <c>provider_id</c>, <c>cluster_name</c>) are
/// <see cref="JsonElement"/>s, set to <see cref="JsonNull"/> to be written as <c>null</c>.
/// </summary>
public sealed record CinderVolume
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("size")] public required int Size { get; init; }
    [JsonPropertyName("availability_zone")] public required string AvailabilityZone { get; init; }

    [JsonPropertyName("created_at")]
    [JsonConverter(typeof(CinderTimestampConverter))]
    public required DateTimeOffset CreatedAt { get; init; }

    [JsonPropertyName("updated_at")]
    [JsonConverter(typeof(CinderTimestampConverter))]
    public required DateTimeOffset UpdatedAt { get; init; }

    [JsonPropertyName("attachments")] public required IReadOnlyList<CinderVolumeAttachment> Attachments { get; init; }

    /// <summary>The volume type's name (Cinder's views write the name, not the id).</summary>
    [JsonPropertyName("volume_type")] public required string VolumeType { get; init; }

    [JsonPropertyName("snapshot_id")] public string? SnapshotId { get; init; }
    [JsonPropertyName("source_volid")] public string? SourceVolumeId { get; init; }
    [JsonPropertyName("metadata")] public required IReadOnlyDictionary<string, string> Metadata { get; init; }
    [JsonPropertyName("user_id")] public string? UserId { get; init; }

    /// <summary>A string, <c>"true"</c> or <c>"false"</c>, as Cinder writes it.</summary>
    [JsonPropertyName("bootable")] public required string Bootable { get; init; }

    [JsonPropertyName("encrypted")] public required bool Encrypted { get; init; }
    [JsonPropertyName("multiattach")] public required bool Multiattach { get; init; }
    [JsonPropertyName("replication_status")] public string? ReplicationStatus { get; init; }
    [JsonPropertyName("consistencygroup_id")] public string? ConsistencyGroupId { get; init; }

    /// <summary>Admin only.</summary>
    [JsonPropertyName("os-vol-tenant-attr:tenant_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TenantId { get; init; }

    /// <summary>Admin only: the node that holds the volume.</summary>
    [JsonPropertyName("os-vol-host-attr:host")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Host { get; init; }

    [JsonPropertyName("links")] public required IReadOnlyList<CinderLink> Links { get; init; }

    /// <summary>3.13; no groups here.</summary>
    [JsonPropertyName("group_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? GroupId { get; init; }

    /// <summary>3.21, admin.</summary>
    [JsonPropertyName("provider_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? ProviderId { get; init; }

    /// <summary>3.48.</summary>
    [JsonPropertyName("service_uuid")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ServiceUuid { get; init; }

    /// <summary>3.48.</summary>
    [JsonPropertyName("shared_targets")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? SharedTargets { get; init; }

    /// <summary>3.61, admin.</summary>
    [JsonPropertyName("cluster_name")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? ClusterName { get; init; }

    /// <summary>3.63.</summary>
    [JsonPropertyName("volume_type_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? VolumeTypeId { get; init; }

    /// <summary>3.65.</summary>
    [JsonPropertyName("consumes_quota")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? ConsumesQuota { get; init; }

    /// <summary>A JSON <c>null</c>, for a field that is present and null.</summary>
    public static JsonElement JsonNull { get; } = JsonDocument.Parse("null").RootElement.Clone();
}
