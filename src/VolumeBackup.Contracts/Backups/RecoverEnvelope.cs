using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Backups;

/// <summary>Body and answer of disaster recovery: <c>{"recover": {...}}</c> (<see cref="RecoverRequest"/>, <see cref="RecoverResult"/>).</summary>
public sealed record RecoverEnvelope([property: JsonPropertyName("recover")] RecoverResult Recover);
