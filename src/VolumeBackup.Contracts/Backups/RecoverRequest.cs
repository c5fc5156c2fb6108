using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Backups;

/// <summary>Body of disaster recovery: <c>{"recover": {"container": "name"}}</c>, the tenant's container to read.</summary>
public sealed record RecoverRequest([property: JsonPropertyName("recover")] RecoverContainer Recover);

/// <summary>The container whose backups to take back into the database.</summary>
public sealed record RecoverContainer([property: JsonPropertyName("container")] string Container);
