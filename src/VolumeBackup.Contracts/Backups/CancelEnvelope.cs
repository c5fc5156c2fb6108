using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Backups;

/// <summary>Answer of cancel: <c>{"cancel": {"backup_id", "operation"}}</c>.</summary>
public sealed record CancelEnvelope([property: JsonPropertyName("cancel")] CancelResult Cancel);
