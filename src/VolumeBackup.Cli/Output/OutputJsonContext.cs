using System.Text.Json.Serialization;
using VolumeBackup.Contracts.Backups;
using VolumeBackup.Contracts.Volumes;

namespace VolumeBackup.Cli.Output;

/// <summary>
/// Writes the API's objects exactly as the contracts define them (snake_case backups, camelCase volumes, nulls kept),
/// so <c>--format json</c> output reads back into the same contract types.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(BackupDetail))]
[JsonSerializable(typeof(IReadOnlyList<BackupDetail>))]
[JsonSerializable(typeof(CreatedBackup))]
[JsonSerializable(typeof(RestoreResult))]
[JsonSerializable(typeof(VolumeDetail))]
[JsonSerializable(typeof(IReadOnlyList<VolumeDetail>))]
internal sealed partial class OutputJsonContext : JsonSerializerContext;
