using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Policies;

/// <summary>Body of show, create and update: <c>{"policy": {...}}</c>.</summary>
public sealed record BackupPolicyEnvelope([property: JsonPropertyName("policy")] BackupPolicyView Policy);
