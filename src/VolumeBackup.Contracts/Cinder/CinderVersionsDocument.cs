using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Cinder;

/// <summary>Cinder's version discovery document, served at <c>/</c> (300) and <c>/v3/</c> (200).</summary>
public sealed record CinderVersionsDocument([property: JsonPropertyName("versions")] IReadOnlyList<CinderVersionInfo> Versions);

/// <summary>One API version: clients read <c>version</c> (the maximum microversion) and <c>min_version</c>.</summary>
public sealed record CinderVersionInfo
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("version")]
    public required string Version { get; init; }

    [JsonPropertyName("min_version")]
    public required string MinVersion { get; init; }

    [JsonPropertyName("updated")]
    public required string Updated { get; init; }

    [JsonPropertyName("links")]
    public required IReadOnlyList<CinderLink> Links { get; init; }

    [JsonPropertyName("media-types")]
    public required IReadOnlyList<CinderMediaType> MediaTypes { get; init; }
}

public sealed record CinderMediaType(
    [property: JsonPropertyName("base")] string Base,
    [property: JsonPropertyName("type")] string Type);
