using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Cinder.Volumes;

/// <summary>A volume in Cinder's summary list (<c>GET /volumes</c>): id, name and links only.</summary>
public sealed record CinderVolumeSummary(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("links")] IReadOnlyList<CinderLink> Links);
