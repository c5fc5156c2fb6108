using System.Text.Json.Serialization;
using VolumeBackup.Contracts.Backups;
using VolumeBackup.Contracts.Json;
using VolumeBackup.Contracts.Policies;
using VolumeBackup.Contracts.Volumes;

namespace VolumeBackup.Cli.Output;

/// <summary>
/// Writes the API's objects exactly as the contracts define them (snake_case backups, camelCase volumes, nulls kept),
/// times in the API's own form (UTC, <c>Z</c>), so <c>--format json</c> output reads back into the same contract types.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, Converters = [typeof(UtcTimestampConverter)])]
[JsonSerializable(typeof(BackupDetail))]
[JsonSerializable(typeof(IReadOnlyList<BackupDetail>))]
[JsonSerializable(typeof(CreatedBackup))]
[JsonSerializable(typeof(RestoreResult))]
[JsonSerializable(typeof(VerifyAccepted))]
[JsonSerializable(typeof(CancelResult))]
[JsonSerializable(typeof(RecoverResult))]
[JsonSerializable(typeof(BackupPolicyView))]
[JsonSerializable(typeof(IReadOnlyList<BackupPolicyView>))]
[JsonSerializable(typeof(VolumeDetail))]
[JsonSerializable(typeof(IReadOnlyList<VolumeDetail>))]
internal sealed partial class OutputJsonContext : JsonSerializerContext
{
    /// <summary>The server's escaping too: names print as typed ("é", "+"), not as \u escapes; output is never HTML.</summary>
    public static OutputJsonContext Relaxed { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        WriteIndented = true,
        Converters = { new UtcTimestampConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
