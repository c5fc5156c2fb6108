using VolumeBackup.Persistence.Stores;

namespace VolumeBackup.Server.Operations.Quotas;

/// <summary>
/// What a tenant may use: volumes (count and GB, enforced on every create and restore to a new volume) and the size of
/// one volume. Backups have no quota of their own here: they are limited by the object store's capacity only.
/// </summary>
internal sealed record TenantLimits(VolumeQuota Volumes, int MaxVolumeSizeGb);
