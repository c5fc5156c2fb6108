using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Backups;

/// <summary>
/// A verification's findings as stored with the backup (at most 64 KiB of JSON): each list holds at most
/// <see cref="ListLimit"/> entries, and <see cref="Truncated"/> says when one was cut.
/// </summary>
public sealed record VerificationReport
{
    /// <summary>Most entries a stored list keeps.</summary>
    public const int ListLimit = 100;

    [JsonPropertyName("blocks_checked")] public long BlocksChecked { get; init; }
    [JsonPropertyName("bytes_checked")] public long BytesChecked { get; init; }
    [JsonPropertyName("damaged_blocks")] public IReadOnlyList<DamagedBlockView> DamagedBlocks { get; init; } = [];
    [JsonPropertyName("missing_objects")] public IReadOnlyList<string> MissingObjects { get; init; } = [];
    [JsonPropertyName("truncated")] public bool Truncated { get; init; }
}
