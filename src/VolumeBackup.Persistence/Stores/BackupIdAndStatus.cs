namespace VolumeBackup.Persistence.Stores;

/// <summary>A backup as its plain list shows it.</summary>
public sealed record BackupIdAndStatus(long Id, string Status);
