using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Cinder;

/// <summary>A link of a Cinder resource or version: <c>self</c>, <c>bookmark</c>, <c>next</c>, <c>describedby</c>.</summary>
public sealed record CinderLink(
    [property: JsonPropertyName("rel")] string Rel,
    [property: JsonPropertyName("href")] string Href)
{
    [JsonPropertyName("type")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Type { get; init; }
}
