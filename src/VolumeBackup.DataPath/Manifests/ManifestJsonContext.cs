using System.Text.Json.Serialization;

namespace VolumeBackup.DataPath.Manifests;

/// <summary>Source-generated JSON for roots and locks: snake_case, indented so people can read roots with Swift tools.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(BackupManifest))]
[JsonSerializable(typeof(Pipelines.ContainerLock))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
