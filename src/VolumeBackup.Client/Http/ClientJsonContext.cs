using System.Text.Json.Serialization;
using VolumeBackup.Contracts.Backups;
using VolumeBackup.Contracts.Faults;
using VolumeBackup.Contracts.Policies;
using VolumeBackup.Contracts.Volumes;

namespace VolumeBackup.Client.Http;

/// <summary>Source-generated serialisers for what the client sends and reads; nulls are left out of requests.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BackupDetail))]
[JsonSerializable(typeof(List<BackupDetail>))]
[JsonSerializable(typeof(List<BackupSummary>))]
[JsonSerializable(typeof(CreatedBackup))]
[JsonSerializable(typeof(CreateBackupRequest))]
[JsonSerializable(typeof(RestoreRequest))]
[JsonSerializable(typeof(RestoreResult))]
[JsonSerializable(typeof(VerifyRequest))]
[JsonSerializable(typeof(VerifyAccepted))]
[JsonSerializable(typeof(CancelRequest))]
[JsonSerializable(typeof(CancelResult))]
[JsonSerializable(typeof(RecoverContainer))]
[JsonSerializable(typeof(RecoverResult))]
[JsonSerializable(typeof(VolumeDetail))]
[JsonSerializable(typeof(List<VolumeDetail>))]
[JsonSerializable(typeof(CreateVolumeRequest))]
[JsonSerializable(typeof(FaultBody))]
[JsonSerializable(typeof(BackupPolicyView))]
[JsonSerializable(typeof(List<BackupPolicyView>))]
[JsonSerializable(typeof(PolicyRequest))]
internal sealed partial class ClientJsonContext : JsonSerializerContext;
