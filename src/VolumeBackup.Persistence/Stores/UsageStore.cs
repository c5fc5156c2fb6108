using Microsoft.EntityFrameworkCore;

namespace VolumeBackup.Persistence.Stores;

/// <summary>
/// Reads what a tenant uses, for quota and limit views. Volumes are counted as the quota check counts them
/// (<see cref="VolumeStore.GetUsageAsync"/>); a backup counts until its row is removed, as a volume does.
/// </summary>
public sealed class UsageStore(VolumeBackupDbContext db, VolumeStore volumes)
{
    public Task<TenantUsage> GetVolumeUsageAsync(string tenantId, CancellationToken ct) => volumes.GetUsageAsync(tenantId, ct);

    public async Task<BackupUsage> GetBackupUsageAsync(string tenantId, CancellationToken ct)
    {
        var sizes = await db.Backups.AsNoTracking().Where(b => b.TenantId == tenantId).Select(b => b.SizeGb).ToListAsync(ct);
        return new BackupUsage(sizes.Count, sizes.Sum(s => (long)s));
    }
}
