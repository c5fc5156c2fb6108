using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Backups;

/// <summary>One entry of <c>GET /hp-volume-backups</c>.</summary>
public sealed record BackupSummary(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status);
