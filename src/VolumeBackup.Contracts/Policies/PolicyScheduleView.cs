using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Policies;

/// <summary>A policy's <c>schedule</c>: exactly one of <see cref="IntervalSeconds"/> or <see cref="Cron"/>.</summary>
public sealed record PolicyScheduleView
{
    [JsonPropertyName("interval_seconds")] public long? IntervalSeconds { get; init; }
    [JsonPropertyName("cron")] public string? Cron { get; init; }
    [JsonPropertyName("time_zone")] public string? TimeZone { get; init; }
}
