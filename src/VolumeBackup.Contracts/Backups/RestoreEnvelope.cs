using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Backups;

/// <summary>Body of restore: <c>{"restore": {"backup_id", "volume_id"}}</c>.</summary>
public sealed record RestoreEnvelope([property: JsonPropertyName("restore")] RestoreResult Restore);
