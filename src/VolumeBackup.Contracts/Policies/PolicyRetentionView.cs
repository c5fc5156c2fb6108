using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Policies;

/// <summary>A policy's <c>retention</c>: restic's <c>forget</c> counts; all zero keeps every backup.</summary>
public sealed record PolicyRetentionView
{
    [JsonPropertyName("keep_last")] public int KeepLast { get; init; }
    [JsonPropertyName("keep_hourly")] public int KeepHourly { get; init; }
    [JsonPropertyName("keep_daily")] public int KeepDaily { get; init; }
    [JsonPropertyName("keep_weekly")] public int KeepWeekly { get; init; }
    [JsonPropertyName("keep_monthly")] public int KeepMonthly { get; init; }
    [JsonPropertyName("keep_yearly")] public int KeepYearly { get; init; }
}
