using VolumeBackup.Server.Operations.Volumes;

namespace VolumeBackup.Server.Api.Cinder.Volumes;

/// <summary>A parsed create request: the new volume, the size as given (null when left to the backup) and the backup to restore.</summary>
internal sealed record CinderNewVolume(NewVolume Volume, int? SizeGb, Guid? BackupId);
