using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Volumes;

// Arguments of the volume actions os-attach and os-detach, in Cinder's form, on both surfaces
// ({"os-attach": {...}} to .../volumes/{id}/action and .../os-volumes/{id}/action). The server reads them field by field.

/// <summary><c>os-attach</c>: the server (<c>instance_uuid</c>) or host it attaches to, where, and <c>rw</c> (default) or <c>ro</c>.</summary>
public sealed record AttachVolumeRequest
{
    [JsonPropertyName("instance_uuid")] public Guid? InstanceUuid { get; init; }
    [JsonPropertyName("host_name")] public string? HostName { get; init; }
    [JsonPropertyName("mountpoint")] public required string Mountpoint { get; init; }
    [JsonPropertyName("mode")] public string? Mode { get; init; }
}

/// <summary><c>os-detach</c>: which attachment (may be left out, or the arguments null).</summary>
public sealed record DetachVolumeRequest
{
    [JsonPropertyName("attachment_id")] public Guid? AttachmentId { get; init; }
}
