using System.Text.Json.Serialization;
using VolumeBackup.Contracts.Backups;
using VolumeBackup.Contracts.Faults;
using VolumeBackup.Contracts.Health;
using VolumeBackup.Contracts.Volumes;

namespace VolumeBackup.Contracts.Json;

/// <summary>
/// Source-generated serialisers for every body the API writes. Nulls are written (the spec shows
/// <c>"display_name": null</c>); the few fields the spec lacks say on their own when they are left out.
/// Times go through <see cref="UtcTimestampConverter"/>. The server puts this first in its resolver chain.
/// </summary>
[JsonSourceGenerationOptions(
    AllowTrailingCommas = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    Converters = [typeof(UtcTimestampConverter)])]
[JsonSerializable(typeof(VolumeEnvelope))]
[JsonSerializable(typeof(VolumesEnvelope))]
[JsonSerializable(typeof(BackupEnvelope))]
[JsonSerializable(typeof(CreatedBackupEnvelope))]
[JsonSerializable(typeof(BackupsEnvelope<BackupSummary>))]
[JsonSerializable(typeof(BackupsEnvelope<BackupDetail>))]
[JsonSerializable(typeof(RestoreEnvelope))]
[JsonSerializable(typeof(VerifyEnvelope))]
[JsonSerializable(typeof(VerificationReport))]
[JsonSerializable(typeof(CancelEnvelope))]
[JsonSerializable(typeof(RecoverEnvelope))]
[JsonSerializable(typeof(RecoverRequest))]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(FaultEnvelope))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
