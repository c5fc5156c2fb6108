using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Cinder.Volumes;

/// <summary>One entry of a volume's <c>attachments</c>: Cinder's summary of an attachment (<c>id</c> is the volume's id).</summary>
public sealed record CinderVolumeAttachment
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("attachment_id")] public required string AttachmentId { get; init; }
    [JsonPropertyName("volume_id")] public required string VolumeId { get; init; }
    [JsonPropertyName("server_id")] public string? ServerId { get; init; }
    [JsonPropertyName("host_name")] public string? HostName { get; init; }
    [JsonPropertyName("device")] public string? Device { get; init; }

    [JsonPropertyName("attached_at")]
    [JsonConverter(typeof(CinderTimestampConverter))]
    public DateTimeOffset? AttachedAt { get; init; }
}
