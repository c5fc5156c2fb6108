using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Backups;

/// <summary>How far the running job is: bytes of the volume processed out of the total, and the percentage.</summary>
public sealed record BackupProgress(
    [property: JsonPropertyName("operation")] string Operation,
    [property: JsonPropertyName("bytes_done")] long BytesDone,
    [property: JsonPropertyName("bytes_total")] long BytesTotal,
    [property: JsonPropertyName("percent")] double Percent);
