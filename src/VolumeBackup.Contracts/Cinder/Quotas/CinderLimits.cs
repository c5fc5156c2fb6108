using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Cinder.Quotas;

/// <summary><c>GET /v3/{project_id}/limits</c>: <c>{"limits": {"rate": [], "absolute": {...}}}</c>.</summary>
public sealed record CinderLimitsEnvelope([property: JsonPropertyName("limits")] CinderLimits Limits);

/// <summary>Rate limits (none here: an empty list, as Cinder answers without a rate-limit middleware) and absolute limits.</summary>
public sealed record CinderLimits(
    [property: JsonPropertyName("rate")] IReadOnlyList<string> Rate,
    [property: JsonPropertyName("absolute")] CinderAbsoluteLimits Absolute);

/// <summary>Cinder's absolute limits; <c>-1</c> means no limit.</summary>
public sealed record CinderAbsoluteLimits
{
    [JsonPropertyName("maxTotalVolumes")] public required long MaxTotalVolumes { get; init; }
    [JsonPropertyName("maxTotalSnapshots")] public required long MaxTotalSnapshots { get; init; }
    [JsonPropertyName("maxTotalVolumeGigabytes")] public required long MaxTotalVolumeGigabytes { get; init; }
    [JsonPropertyName("maxTotalBackups")] public required long MaxTotalBackups { get; init; }
    [JsonPropertyName("maxTotalBackupGigabytes")] public required long MaxTotalBackupGigabytes { get; init; }
    [JsonPropertyName("totalVolumesUsed")] public required long TotalVolumesUsed { get; init; }
    [JsonPropertyName("totalGigabytesUsed")] public required long TotalGigabytesUsed { get; init; }
    [JsonPropertyName("totalSnapshotsUsed")] public required long TotalSnapshotsUsed { get; init; }
    [JsonPropertyName("totalBackupsUsed")] public required long TotalBackupsUsed { get; init; }
    [JsonPropertyName("totalBackupGigabytesUsed")] public required long TotalBackupGigabytesUsed { get; init; }
}
