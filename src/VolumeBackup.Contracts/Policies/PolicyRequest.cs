using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Policies;

/// <summary>
/// The body of create and update, under <c>"policy"</c>. On update, fields left null keep their value; a given
/// <see cref="Schedule"/> replaces the whole schedule.
/// </summary>
public sealed record PolicyRequest
{
    [JsonPropertyName("volume_id")] public string? VolumeId { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("container")] public string? Container { get; init; }
    [JsonPropertyName("schedule")] public PolicyScheduleView? Schedule { get; init; }
    [JsonPropertyName("force")] public bool? Force { get; init; }
    [JsonPropertyName("retention")] public PolicyRetentionView? Retention { get; init; }
    [JsonPropertyName("enabled")] public bool? Enabled { get; init; }
}
