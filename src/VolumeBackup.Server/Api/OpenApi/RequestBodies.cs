using System.Text.Json.Serialization;
using VolumeBackup.Contracts.Backups;
using VolumeBackup.Contracts.Volumes;

namespace VolumeBackup.Server.Api.OpenApi;

/// <summary>
/// The wire shapes of bodies the endpoints read by hand (JsonBody: the envelope key is checked before the fields), for
/// the OpenAPI documents only: <c>.Accepts&lt;T&gt;</c> names them, nothing deserializes into them.
/// </summary>
internal static class RequestBodies
{
    public sealed record CreateBackupBody([property: JsonPropertyName("backup")] CreateBackupRequest Backup);

    public sealed record RestoreBody([property: JsonPropertyName("restore")] RestoreRequest Restore);

    public sealed record CreateVolumeBody([property: JsonPropertyName("volume")] CreateVolumeRequest Volume);

    /// <summary>Cinder's <c>POST /v3/{project_id}/backups</c>.</summary>
    public sealed record CinderCreateBackupBody([property: JsonPropertyName("backup")] CinderBackupFields Backup);

    public sealed record CinderBackupFields(
        [property: JsonPropertyName("volume_id")] string VolumeId,
        [property: JsonPropertyName("container")] string? Container = null,
        [property: JsonPropertyName("name")] string? Name = null,
        [property: JsonPropertyName("description")] string? Description = null,
        [property: JsonPropertyName("incremental")] bool? Incremental = null,
        [property: JsonPropertyName("force")] bool? Force = null);

    /// <summary>Cinder's <c>POST /v3/{project_id}/backups/{backup_id}/restore</c>.</summary>
    public sealed record CinderRestoreBody([property: JsonPropertyName("restore")] CinderRestoreFields Restore);

    public sealed record CinderRestoreFields(
        [property: JsonPropertyName("volume_id")] string? VolumeId = null,
        [property: JsonPropertyName("name")] string? Name = null);
}
