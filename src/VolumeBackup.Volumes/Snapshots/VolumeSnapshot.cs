namespace VolumeBackup.Volumes.Snapshots;

/// <summary>A point-in-time image of a volume, kept on the volume's node at <paramref name="Path"/>.</summary>
/// <param name="Volume">The volume it was taken of.</param>
/// <param name="Name">Its name among the volume's snapshots (the service names them after the backup that took them).</param>
/// <param name="Path">Where it can be read: a reflink clone file, or a snapshot device.</param>
public sealed record VolumeSnapshot(VolumeLocation Volume, string Name, string Path);
