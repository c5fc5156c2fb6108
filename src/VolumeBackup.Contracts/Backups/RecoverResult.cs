using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Backups;

/// <summary>
/// Answer of disaster recovery: the backups made rows again (<see cref="Imported"/>), the ids of roots whose row was
/// already there (<see cref="AlreadyPresent"/>), and the keys of roots that could not be read (<see cref="Unreadable"/>).
/// </summary>
public sealed record RecoverResult(
    [property: JsonPropertyName("container")] string Container,
    [property: JsonPropertyName("imported")] IReadOnlyList<RecoveredBackup> Imported,
    [property: JsonPropertyName("already_present")] IReadOnlyList<string> AlreadyPresent,
    [property: JsonPropertyName("unreadable")] IReadOnlyList<string> Unreadable);

/// <summary>A backup recovery made a row for: its id and name.</summary>
public sealed record RecoveredBackup(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string? Name);
