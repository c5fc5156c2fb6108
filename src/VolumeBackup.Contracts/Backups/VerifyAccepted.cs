using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Backups;

/// <summary>The backup whose verification was queued.</summary>
public sealed record VerifyAccepted([property: JsonPropertyName("backup_id")] string BackupId);
