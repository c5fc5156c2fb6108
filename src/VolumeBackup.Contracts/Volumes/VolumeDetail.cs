using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Volumes;

/// <summary>A volume in the shape of Nova's os-volumes extension (camelCase names). Admin views add host and device path.</summary>
public sealed record VolumeDetail
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("displayName")] public string? DisplayName { get; init; }
    [JsonPropertyName("displayDescription")] public string? DisplayDescription { get; init; }
    [JsonPropertyName("size")] public required int Size { get; init; }
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("availabilityZone")] public required string AvailabilityZone { get; init; }
    [JsonPropertyName("createdAt")] public required DateTimeOffset CreatedAt { get; init; }
    [JsonPropertyName("attachments")] public IReadOnlyList<IReadOnlyDictionary<string, string>> Attachments { get; init; } = [];
    [JsonPropertyName("volumeType")] public string? VolumeType { get; init; }
    [JsonPropertyName("snapshotId")] public string? SnapshotId { get; init; }
    [JsonPropertyName("metadata")] public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Admin only: the node that holds the volume.</summary>
    [JsonPropertyName("host")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Host { get; init; }

    /// <summary>Admin only: the local path of the volume's file or device on its host.</summary>
    [JsonPropertyName("devicePath")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DevicePath { get; init; }
}
