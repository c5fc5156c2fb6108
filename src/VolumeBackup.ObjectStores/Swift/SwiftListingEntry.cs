using System.Text.Json.Serialization;

namespace VolumeBackup.ObjectStores.Swift;

/// <summary>One object of a container listing (<c>?format=json</c>).</summary>
internal sealed record SwiftListingEntry(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("last_modified")] string? LastModified);
