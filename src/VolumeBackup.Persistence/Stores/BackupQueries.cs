using Microsoft.EntityFrameworkCore;
using VolumeBackup.Domain.Backups;

namespace VolumeBackup.Persistence.Stores;

/// <summary>What a filtered backup listing selects; null fields do not filter.</summary>
/// <param name="TenantId">The tenant whose backups are listed; null: every tenant's (admins).</param>
/// <param name="Name">Only backups of exactly this name.</param>
/// <param name="Status">Only backups in this status.</param>
/// <param name="VolumeId">Only backups of this volume.</param>
public sealed record BackupFilter(string? TenantId, string? Name = null, string? Status = null, long? VolumeId = null);

/// <summary>
/// Reads for listings that filter and sort (the Cinder surface): the filter runs in the database, in id order;
/// sorting and paging by other keys are the caller's, over the rows returned.
/// </summary>
public sealed class BackupQueries(VolumeBackupDbContext db)
{
    public Task<List<Backup>> ListAsync(BackupFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.Backups.AsNoTracking();
        if (filter.TenantId is { } tenant)
        {
            query = query.Where(b => b.TenantId == tenant);
        }

        if (filter.Name is { } name)
        {
            query = query.Where(b => b.DisplayName == name);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(b => b.Status == status);
        }

        if (filter.VolumeId is { } volumeId)
        {
            query = query.Where(b => b.VolumeId == volumeId);
        }

        return query.OrderBy(b => b.Id).ToListAsync(ct);
    }

    /// <summary>The Cinder ids of the volumes among <paramref name="volumeIds"/> that still exist.</summary>
    public async Task<Dictionary<long, Guid>> VolumeUuidsAsync(IEnumerable<long> volumeIds, CancellationToken ct)
    {
        var ids = volumeIds.Distinct().ToArray();
        return await db.Volumes.AsNoTracking()
            .Where(v => ids.Contains(v.Id))
            .ToDictionaryAsync(v => v.Id, v => v.Uuid, ct);
    }
}
