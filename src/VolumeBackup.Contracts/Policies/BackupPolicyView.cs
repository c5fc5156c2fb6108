using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Policies;

/// <summary>
/// A backup policy as both surfaces show it. Ids are strings: the HP surface's decimal ids, the Cinder surface's UUIDs
/// (of the policy, the volume and the last backup).
/// </summary>
public sealed record BackupPolicyView
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("volume_id")] public required string VolumeId { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("container")] public string? Container { get; init; }
    [JsonPropertyName("schedule")] public required PolicyScheduleView Schedule { get; init; }
    [JsonPropertyName("force")] public bool Force { get; init; }
    [JsonPropertyName("retention")] public required PolicyRetentionView Retention { get; init; }
    [JsonPropertyName("enabled")] public bool Enabled { get; init; }
    [JsonPropertyName("next_run_at")] public DateTimeOffset? NextRunAt { get; init; }
    [JsonPropertyName("last_run_at")] public DateTimeOffset? LastRunAt { get; init; }
    [JsonPropertyName("last_result")] public string? LastResult { get; init; }
    [JsonPropertyName("last_backup_id")] public string? LastBackupId { get; init; }
    [JsonPropertyName("created_at")] public DateTimeOffset CreatedAt { get; init; }
    [JsonPropertyName("updated_at")] public DateTimeOffset UpdatedAt { get; init; }
}
