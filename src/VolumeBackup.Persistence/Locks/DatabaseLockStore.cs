using Microsoft.EntityFrameworkCore;
using VolumeBackup.DataPath;

namespace VolumeBackup.Persistence.Locks;

/// <summary>
/// The locks of one container (<paramref name="tenantId"/>, <paramref name="container"/>) as rows of
/// <c>ContainerLocks</c>, one per lock: a write is an upsert, a refresh updates <c>RefreshedAt</c>, a read is a plain
/// SELECT of the container's rows. The database is strongly consistent, so a reader sees every lock written before it
/// read, on any node, which the lock protocol rests on. Each call uses a fresh context from <paramref name="contexts"/>:
/// a restore refreshes its lock from a timer while the job's own context is busy.
/// </summary>
public sealed class DatabaseLockStore(IDbContextFactory<VolumeBackupDbContext> contexts, string tenantId, string container)
    : IContainerLockStore
{
    public string TenantId => tenantId;

    public string Container => container;

    public async Task WriteAsync(StoredLock entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await UpdateAsync(db, entry, ct))
        {
            return; // a refresh, the common case
        }

        db.ContainerLocks.Add(new ContainerLockRecord
        {
            TenantId = tenantId,
            Container = container,
            Key = entry.Key,
            Kind = entry.Kind,
            Owner = entry.Owner,
            Holder = entry.Holder,
            RefreshedAt = entry.RefreshedAt,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another writer of the same key (a resumed run of the same backup) inserted it first: the unique index
            // refused this row, so update that one. Anything else fails again here and propagates.
            await using var again = await contexts.CreateDbContextAsync(ct);
            if (!await UpdateAsync(again, entry, ct))
            {
                throw;
            }
        }
    }

    public async Task DeleteAsync(string key, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await Rows(db).Where(l => l.Key == key).ExecuteDeleteAsync(ct);
    }

    public async Task<IReadOnlyList<StoredLock>> ListAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await Rows(db).AsNoTracking().ToListAsync(ct);
        return [.. rows.Select(r => new StoredLock(r.Key, r.Kind, r.Owner, r.RefreshedAt, r.Holder))];
    }

    public async Task RemoveStaleAsync(IReadOnlyList<StoredLock> stale, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stale);
        await using var db = await contexts.CreateDbContextAsync(ct);
        foreach (var entry in stale)
        {
            // Only while it is as listed: a lock refreshed since then (the same key written again) is live and stays.
            await Rows(db).Where(l => l.Key == entry.Key && l.RefreshedAt == entry.RefreshedAt).ExecuteDeleteAsync(ct);
        }
    }

    private IQueryable<ContainerLockRecord> Rows(VolumeBackupDbContext db) =>
        db.ContainerLocks.Where(l => l.TenantId == tenantId && l.Container == container);

    private async Task<bool> UpdateAsync(VolumeBackupDbContext db, StoredLock entry, CancellationToken ct) =>
        await Rows(db).Where(l => l.Key == entry.Key).ExecuteUpdateAsync(
            s => s.SetProperty(l => l.Kind, entry.Kind)
                .SetProperty(l => l.Owner, entry.Owner)
                .SetProperty(l => l.Holder, entry.Holder)
                .SetProperty(l => l.RefreshedAt, entry.RefreshedAt),
            ct) > 0;
}
