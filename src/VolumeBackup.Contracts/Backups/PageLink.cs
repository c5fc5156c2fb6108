using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Backups;

/// <summary>One of Nova's paging links: <c>{"rel": "next", "href": "..."}</c>, the href absolute.</summary>
public sealed record PageLink(
    [property: JsonPropertyName("rel")] string Rel,
    [property: JsonPropertyName("href")] string Href);
