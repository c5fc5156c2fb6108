using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Backups;

/// <summary>What a cancel stopped: the backup and <c>create</c>, <c>restore</c> or <c>verify</c>.</summary>
public sealed record CancelResult(
    [property: JsonPropertyName("backup_id")] string BackupId,
    [property: JsonPropertyName("operation")] string Operation);
