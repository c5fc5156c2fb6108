using System.Text.Json.Serialization;

namespace VolumeBackup.Contracts.Cinder;

/// <summary>
/// The bodies of the backups resource (<c>/v3/{project_id}/backups</c>). A context of its own beside
/// <see cref="CinderJsonContext"/>: the JSON source generator does not merge <c>[JsonSerializable]</c> attributes spread
/// over several parts of one partial class (it emits the shared types twice and fails), so each resource registers its
/// own context in the server's resolver chain.
/// </summary>
[JsonSourceGenerationOptions(AllowTrailingCommas = true, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(CinderBackupEnvelope<CinderBackupSummary>))]
[JsonSerializable(typeof(CinderBackupEnvelope<CinderBackupDetail>))]
[JsonSerializable(typeof(CinderBackupsEnvelope<CinderBackupSummary>))]
[JsonSerializable(typeof(CinderBackupsEnvelope<CinderBackupDetail>))]
[JsonSerializable(typeof(CinderRestoreEnvelope))]
[JsonSerializable(typeof(CinderBackupRecordEnvelope))]
[JsonSerializable(typeof(CinderBackupRecord))]
public sealed partial class CinderBackupsJsonContext : JsonSerializerContext;
