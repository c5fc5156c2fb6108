using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Backups;

/// <summary>
/// Extra in backup show and detail (both surfaces): the last verification's verdict (<c>unverified</c>, <c>verified</c>,
/// <c>damaged</c>), when it ended and what it found. Counts are 0 and lists empty when none ran to its end.
/// </summary>
public sealed record BackupVerificationView
{
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("verified_at")] public DateTimeOffset? VerifiedAt { get; init; }
    [JsonPropertyName("blocks_checked")] public long BlocksChecked { get; init; }
    [JsonPropertyName("bytes_checked")] public long BytesChecked { get; init; }
    [JsonPropertyName("damaged_blocks")] public IReadOnlyList<DamagedBlockView> DamagedBlocks { get; init; } = [];
    [JsonPropertyName("missing_objects")] public IReadOnlyList<string> MissingObjects { get; init; } = [];

    /// <summary>True when the lists were cut (at most <see cref="VerificationReport.ListLimit"/> entries each).</summary>
    [JsonPropertyName("truncated")] public bool Truncated { get; init; }
}
