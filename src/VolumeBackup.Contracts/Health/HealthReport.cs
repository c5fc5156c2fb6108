using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Health;

/// <summary>Body of <c>GET /healthz</c>: <c>{"status": "ok"|"unavailable", "database": ..., "storage": ...}</c>.</summary>
public sealed record HealthReport(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("database")] string Database,
    [property: JsonPropertyName("storage")] string Storage);
