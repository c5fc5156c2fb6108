using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Backups;

/// <summary>
/// A backup as show and detail return it: the spec's ten fields, then extras the spec allows us to add
/// (progress while a job runs). Times are UTC ISO-8601 with <c>Z</c>.
/// </summary>
public sealed record BackupDetail
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("display_name")] public string? DisplayName { get; init; }
    [JsonPropertyName("display_description")] public string? DisplayDescription { get; init; }
    [JsonPropertyName("volume_id")] public required string VolumeId { get; init; }
    [JsonPropertyName("container")] public required string Container { get; init; }
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("fail_reason")] public string? FailReason { get; init; }
    [JsonPropertyName("created_at")] public required DateTimeOffset CreatedAt { get; init; }
    [JsonPropertyName("size")] public required int Size { get; init; }
    [JsonPropertyName("object_count")] public required int ObjectCount { get; init; }

    /// <summary>Extra: progress of the running job (create or restore), null when none runs.</summary>
    [JsonPropertyName("progress")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BackupProgress? Progress { get; init; }
}
