using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Backups;

/// <summary>
/// A backup as show and detail return it: the spec's ten fields, then extras the spec allows us to add
/// (progress while a job runs, the last verification, stored and data bytes). Times are UTC ISO-8601 with <c>Z</c>.
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

    /// <summary>Extra: the last verification's verdict and findings.</summary>
    [JsonPropertyName("verification")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BackupVerificationView? Verification { get; init; }

    /// <summary>Extra: bytes of packs, segments and root this backup added to its container (0 for older rows).</summary>
    [JsonPropertyName("stored_bytes")] public long StoredBytes { get; init; }

    /// <summary>Extra: bytes of non-zero blocks the backup covers (0 for older rows).</summary>
    [JsonPropertyName("data_bytes")] public long DataBytes { get; init; }
}
