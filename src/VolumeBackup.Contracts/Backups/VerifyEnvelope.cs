using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Backups;

/// <summary>Answer of verify (202): <c>{"verify": {"backup_id": "12"}}</c>.</summary>
public sealed record VerifyEnvelope([property: JsonPropertyName("verify")] VerifyAccepted Verify);
