using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Cinder;

/// <summary><c>PUT /v3/{project_id}/os-services/{enable|disable|disable-log-reason}</c> (the whole body, no root key).</summary>
public sealed record CinderServiceUpdateRequest
{
    [JsonPropertyName("host")] public required string Host { get; init; }
    [JsonPropertyName("binary")] public required string Binary { get; init; }
    [JsonPropertyName("disabled_reason")] public string? DisabledReason { get; init; }
}
