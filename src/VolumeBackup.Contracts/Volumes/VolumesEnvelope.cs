using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Volumes;

/// <summary>Body of list and detail: <c>{"volumes": [...]}</c>.</summary>
public sealed record VolumesEnvelope([property: JsonPropertyName("volumes")] IReadOnlyList<VolumeDetail> Volumes);
