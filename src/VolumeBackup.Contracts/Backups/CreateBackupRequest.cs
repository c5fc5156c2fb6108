using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Backups;

/// <summary>Body of <c>POST /hp-volume-backups</c>: <c>{"backup": {...}}</c>. <see cref="VolumeId"/> may be sent as string or number.</summary>
public sealed record CreateBackupRequest(
    [property: JsonPropertyName("volume_id")] string VolumeId,
    [property: JsonPropertyName("display_name")] string? DisplayName = null,
    [property: JsonPropertyName("display_description")] string? DisplayDescription = null,
    [property: JsonPropertyName("container")] string? Container = null);
