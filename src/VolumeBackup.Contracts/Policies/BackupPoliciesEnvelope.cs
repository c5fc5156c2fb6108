using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Policies;

/// <summary>Body of list: <c>{"policies": [...]}</c>.</summary>
public sealed record BackupPoliciesEnvelope([property: JsonPropertyName("policies")] IReadOnlyList<BackupPolicyView> Policies);
