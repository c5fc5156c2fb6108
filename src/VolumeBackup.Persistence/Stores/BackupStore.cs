using Microsoft.EntityFrameworkCore;
using VolumeBackup.Domain.Backups;

namespace VolumeBackup.Persistence.Stores;

/// <summary>
/// Backups in the metadata database. Reads are untracked snapshots; every status change is one guarded statement
/// (<see cref="TryTransitionAsync"/>): zero rows changed means another request or worker won the race.
/// </summary>
public sealed class BackupStore(VolumeBackupDbContext db, TimeProvider time)
{
    /// <summary>Inserts a new backup (its Id, CreatedAt and UpdatedAt are set here) and returns it.</summary>
    public async Task<Backup> AddAsync(Backup backup, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(backup);
        backup.CreatedAt = backup.UpdatedAt = time.GetUtcNow();
        if (backup.Uuid == Guid.Empty)
        {
            backup.Uuid = Guid.NewGuid();
        }

        db.Backups.Add(backup);
        await db.SaveChangesAsync(ct);
        db.Entry(backup).State = EntityState.Detached;
        return backup;
    }

    /// <summary>The tenant's backup by its Cinder id, or null when it does not exist or belongs to another tenant.</summary>
    public Task<Backup?> FindByUuidAsync(string tenantId, Guid uuid, CancellationToken ct) =>
        db.Backups.AsNoTracking().FirstOrDefaultAsync(b => b.Uuid == uuid && b.TenantId == tenantId, ct);

    /// <summary>Any tenant's backup by its Cinder id (for admins), or null.</summary>
    public Task<Backup?> FindByUuidAsync(Guid uuid, CancellationToken ct) =>
        db.Backups.AsNoTracking().FirstOrDefaultAsync(b => b.Uuid == uuid, ct);

    /// <summary>The tenant's backup, or null when it does not exist or belongs to another tenant.</summary>
    public Task<Backup?> FindAsync(string tenantId, long id, CancellationToken ct) =>
        db.Backups.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id && b.TenantId == tenantId, ct);

    /// <summary>Whether the tenant has this backup.</summary>
    public Task<bool> ExistsAsync(string tenantId, long id, CancellationToken ct) =>
        db.Backups.AnyAsync(b => b.Id == id && b.TenantId == tenantId, ct);

    /// <summary>Any tenant's backup by id (for workers), or null.</summary>
    public Task<Backup?> FindByIdAsync(long id, CancellationToken ct) =>
        db.Backups.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);

    /// <summary>The tenant's backups in id order.</summary>
    public Task<List<Backup>> ListAsync(string tenantId, CancellationToken ct) =>
        db.Backups.AsNoTracking().Where(b => b.TenantId == tenantId).OrderBy(b => b.Id).ToListAsync(ct);

    /// <summary>
    /// Moves the backup from one of <paramref name="from"/> to <paramref name="to"/> in one statement, setting
    /// <paramref name="failReason"/> (null clears it). False when gone or not in one of <paramref name="from"/>.
    /// </summary>
    public async Task<bool> TryTransitionAsync(
        long id, IReadOnlyCollection<string> from, string to, CancellationToken ct, string? failReason = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        if (from.Any(status => !BackupTransitions.IsAllowed(status, to)))
        {
            throw new InvalidOperationException($"Backup status change to '{to}' from [{string.Join(", ", from)}] is not allowed.");
        }

        var now = time.GetUtcNow();
        var statuses = from.ToArray();
        var rows = await db.Backups
            .Where(b => b.Id == id && statuses.Contains(b.Status))
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Status, to)
                .SetProperty(b => b.FailReason, failReason)
                .SetProperty(b => b.UpdatedAt, now), ct);
        return rows == 1;
    }

    /// <summary>Records progress of the running job. False when the backup is no longer in <paramref name="status"/>.</summary>
    public async Task<bool> UpdateProgressAsync(
        long id, string status, string operation, long bytesDone, long bytesTotal, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var rows = await db.Backups
            .Where(b => b.Id == id && b.Status == status)
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.ProgressOperation, operation)
                .SetProperty(b => b.ProgressBytesDone, bytesDone)
                .SetProperty(b => b.ProgressBytesTotal, bytesTotal)
                .SetProperty(b => b.UpdatedAt, now), ct);
        return rows == 1;
    }

    /// <summary>Removes the row of a backup that is <c>deleting</c>. False when it was not (or is gone).</summary>
    public async Task<bool> RemoveDeletingAsync(long id, CancellationToken ct) =>
        await db.Backups.Where(b => b.Id == id && b.Status == BackupStatus.Deleting).ExecuteDeleteAsync(ct) == 1;
}
