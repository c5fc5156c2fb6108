using VolumeBackup.Domain.Backups;

namespace VolumeBackup.Server.Operations.Backups;

/// <summary>
/// What a recovery found in a container: rows it made (<see cref="Imported"/>), rows that were there already
/// (<see cref="AlreadyPresent"/>), and the keys of roots it could not read (<see cref="Unreadable"/>).
/// </summary>
internal sealed record RecoveredBackups(
    IReadOnlyList<Backup> Imported, IReadOnlyList<Backup> AlreadyPresent, IReadOnlyList<string> Unreadable);
