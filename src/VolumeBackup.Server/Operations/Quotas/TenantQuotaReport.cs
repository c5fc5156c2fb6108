using VolumeBackup.Persistence.Stores;

namespace VolumeBackup.Server.Operations.Quotas;

/// <summary>A tenant's limits beside what it uses.</summary>
internal sealed record TenantQuotaReport(TenantLimits Limits, TenantUsage Volumes, BackupUsage Backups);
