namespace VolumeBackup.Persistence.Stores;

/// <summary>What a tenant's backups use: their count and their total size in GB (each counts its volume's size, as in Cinder).</summary>
public readonly record struct BackupUsage(int Backups, long Gigabytes);
