using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Backups;

/// <summary>Body of create: <c>{"backup": {...}}</c> with the spec's seven fields.</summary>
public sealed record CreatedBackupEnvelope([property: JsonPropertyName("backup")] CreatedBackup Backup);
