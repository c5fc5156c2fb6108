using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Volumes;

/// <summary>
/// Body of <c>POST /os-volumes/manage</c>, under <c>"volume"</c>: adopt the device or file at <see cref="DevicePath"/>
/// of <see cref="Host"/> (this node when left out). The server reads it field by field.
/// </summary>
public sealed record ManageVolumeRequest
{
    [JsonPropertyName("devicePath")] public required string DevicePath { get; init; }
    [JsonPropertyName("host")] public string? Host { get; init; }
    [JsonPropertyName("display_name")] public string? DisplayName { get; init; }
    [JsonPropertyName("display_description")] public string? DisplayDescription { get; init; }
    [JsonPropertyName("availability_zone")] public string? AvailabilityZone { get; init; }
    [JsonPropertyName("metadata")] public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
