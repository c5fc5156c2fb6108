namespace VolumeBackup.Server.Api.Backups;

/// <summary>A validated create-backup request; <see cref="Container"/> is already the default when none was named.</summary>
internal sealed record NewBackup(long VolumeId, string? DisplayName, string? DisplayDescription, string Container);
