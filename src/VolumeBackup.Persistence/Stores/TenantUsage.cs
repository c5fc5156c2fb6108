namespace VolumeBackup.Persistence.Stores;

/// <summary>What a tenant's volumes use, for quota checks: their count and their total size in GB.</summary>
public readonly record struct TenantUsage(int Volumes, long Gigabytes);
