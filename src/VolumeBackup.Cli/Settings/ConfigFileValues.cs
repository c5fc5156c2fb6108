using System.Text.Json.Serialization;

namespace VolumeBackup.Cli.Settings;

/// <summary>The config file: <c>{"endpoint": "...", "tenant_id": "...", "auth_token": "..."}</c>, every key optional.</summary>
internal sealed record ConfigFileValues
{
    public static readonly ConfigFileValues Empty = new();

    [JsonPropertyName("endpoint")] public string? Endpoint { get; init; }

    [JsonPropertyName("tenant_id")] public string? TenantId { get; init; }

    [JsonPropertyName("auth_token")] public string? AuthToken { get; init; }
}
