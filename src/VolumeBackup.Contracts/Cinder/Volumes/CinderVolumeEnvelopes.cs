using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Cinder.Volumes;

/// <summary><c>{"volume": {...}}</c>: show, create, update.</summary>
public sealed record CinderVolumeEnvelope([property: JsonPropertyName("volume")] CinderVolume Volume);

/// <summary>
/// A page of volumes: <c>{"volumes": [...], "volumes_links": [next], "count": N}</c>; the link only when the page is
/// full, the count only when asked for (3.45).
/// </summary>
public sealed record CinderVolumesEnvelope<T>([property: JsonPropertyName("volumes")] IReadOnlyList<T> Volumes)
{
    [JsonPropertyName("volumes_links")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<CinderLink>? Links { get; init; }

    [JsonPropertyName("count")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Count { get; init; }
}
