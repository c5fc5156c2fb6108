using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Backups;

/// <summary>Body of <c>POST /hp-volume-backups/{id}/restore</c>; no <see cref="VolumeId"/> means "restore to a new volume".</summary>
public sealed record RestoreRequest([property: JsonPropertyName("volume_id")] string? VolumeId = null);
