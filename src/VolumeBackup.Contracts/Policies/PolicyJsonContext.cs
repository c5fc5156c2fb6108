using System.Text.Json.Serialization;
using VolumeBackup.Contracts.Json;

namespace VolumeBackup.Contracts.Policies;

/// <summary>Source-generated serialisers of the policy bodies (both surfaces); times as the HP surface writes them.</summary>
[JsonSourceGenerationOptions(
    AllowTrailingCommas = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    Converters = [typeof(UtcTimestampConverter)])]
[JsonSerializable(typeof(BackupPolicyEnvelope))]
[JsonSerializable(typeof(BackupPoliciesEnvelope))]
[JsonSerializable(typeof(PolicyRequestEnvelope))]
public sealed partial class PolicyJsonContext : JsonSerializerContext;
