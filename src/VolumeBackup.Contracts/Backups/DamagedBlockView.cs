using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Backups;

/// <summary>A damaged block in a verification report: its index in the volume, its byte offset and why.</summary>
public sealed record DamagedBlockView(
    [property: JsonPropertyName("block")] long Block,
    [property: JsonPropertyName("offset")] long Offset,
    [property: JsonPropertyName("reason")] string Reason);
