using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Cinder.Volumes;

/// <summary><c>GET /volumes/summary</c> (3.12): <c>{"volume-summary": {"total_size", "total_count", "metadata" (3.36)}}</c>.</summary>
public sealed record CinderVolumesSummaryEnvelope([property: JsonPropertyName("volume-summary")] CinderVolumesSummary Summary);

/// <summary>Count and total GB of the volumes listed; from 3.36 every metadata key with the values seen for it.</summary>
public sealed record CinderVolumesSummary(
    [property: JsonPropertyName("total_size")] long TotalSize,
    [property: JsonPropertyName("total_count")] int TotalCount)
{
    [JsonPropertyName("metadata")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Metadata { get; init; }
}
