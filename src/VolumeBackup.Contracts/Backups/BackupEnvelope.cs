using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Backups;

/// <summary>Body of show: <c>{"backup": {...}}</c>.</summary>
public sealed record BackupEnvelope([property: JsonPropertyName("backup")] BackupDetail Backup);
