using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Policies;

/// <summary><c>{"policy": {...}}</c>, as a client sends it.</summary>
public sealed record PolicyRequestEnvelope([property: JsonPropertyName("policy")] PolicyRequest Policy);
