using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Volumes;

/// <summary>Body of show and create: <c>{"volume": {...}}</c>.</summary>
public sealed record VolumeEnvelope([property: JsonPropertyName("volume")] VolumeDetail Volume);
