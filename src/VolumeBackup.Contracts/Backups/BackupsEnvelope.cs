using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Backups;

/// <summary>
/// Body of list (<typeparamref name="T"/> = <see cref="BackupSummary"/>) and detail (<see cref="BackupDetail"/>):
/// <c>{"backups": [...]}</c>, plus Nova's <c>backups_links</c> only when a full page may have a successor.
/// </summary>
public sealed record BackupsEnvelope<T>(
    [property: JsonPropertyName("backups")] IReadOnlyList<T> Backups,
    [property: JsonPropertyName("backups_links")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<PageLink>? BackupsLinks = null);
