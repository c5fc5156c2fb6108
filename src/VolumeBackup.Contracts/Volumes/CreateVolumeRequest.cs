using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Volumes;

/// <summary>Body of <c>POST /os-volumes</c>: <c>{"volume": {...}}</c>; size in GB.</summary>
public sealed record CreateVolumeRequest(
    [property: JsonPropertyName("size")] int Size,
    [property: JsonPropertyName("display_name")] string? DisplayName = null,
    [property: JsonPropertyName("display_description")] string? DisplayDescription = null,
    [property: JsonPropertyName("availability_zone")] string? AvailabilityZone = null,
    [property: JsonPropertyName("metadata")] IReadOnlyDictionary<string, string>? Metadata = null);
