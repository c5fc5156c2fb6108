using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Backups;

/// <summary>Answer of restore: <c>{"restore": {"backup_id", "volume_id"}}</c>.</summary>
public sealed record RestoreResult(
    [property: JsonPropertyName("backup_id")] string BackupId,
    [property: JsonPropertyName("volume_id")] string VolumeId);
