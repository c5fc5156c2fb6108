using Microsoft.EntityFrameworkCore;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Policies;

namespace VolumeBackup.Persistence.Stores;

/// <summary>
/// Backup policies in the metadata database. Reads are untracked snapshots; the scheduler's claim of a due time
/// (<see cref="TryClaimAsync"/>) is one guarded statement, so of any number of nodes exactly one runs each due time.
/// </summary>
public sealed class PolicyStore(VolumeBackupDbContext db, TimeProvider time)
{
    /// <summary>Inserts a new policy (Id, Uuid, CreatedAt and UpdatedAt set here) and returns it.</summary>
    public async Task<BackupPolicy> AddAsync(BackupPolicy policy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.CreatedAt = policy.UpdatedAt = time.GetUtcNow();
        if (policy.Uuid == Guid.Empty)
        {
            policy.Uuid = Guid.NewGuid();
        }

        db.BackupPolicies.Add(policy);
        await db.SaveChangesAsync(ct);
        db.Entry(policy).State = EntityState.Detached;
        return policy;
    }

    /// <summary>Writes every field of <paramref name="policy"/> (an update request's result); false when it is gone.</summary>
    public async Task<bool> SaveAsync(BackupPolicy policy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.UpdatedAt = time.GetUtcNow();
        db.BackupPolicies.Update(policy);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false; // deleted meanwhile
        }
        finally
        {
            db.Entry(policy).State = EntityState.Detached;
        }
    }

    public Task<BackupPolicy?> FindAsync(string tenantId, long id, CancellationToken ct) =>
        db.BackupPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.TenantId == tenantId, ct);

    public Task<BackupPolicy?> FindByUuidAsync(string tenantId, Guid uuid, CancellationToken ct) =>
        db.BackupPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Uuid == uuid && p.TenantId == tenantId, ct);

    public Task<BackupPolicy?> FindByIdAsync(long id, CancellationToken ct) =>
        db.BackupPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);

    /// <summary>The tenant's policies in id order, only those of <paramref name="volumeId"/> when given.</summary>
    public Task<List<BackupPolicy>> ListAsync(string tenantId, long? volumeId, CancellationToken ct) =>
        db.BackupPolicies.AsNoTracking()
            .Where(p => p.TenantId == tenantId && (volumeId == null || p.VolumeId == volumeId))
            .OrderBy(p => p.Id)
            .ToListAsync(ct);

    /// <summary>Whether any policy backs up this volume (a volume with policies is not deleted).</summary>
    public Task<bool> AnyForVolumeAsync(long volumeId, CancellationToken ct) =>
        db.BackupPolicies.AnyAsync(p => p.VolumeId == volumeId, ct);

    /// <summary>Whether a policy holds this trust: its jobs use it and must not delete it.</summary>
    public Task<bool> HoldsTrustAsync(string trustId, CancellationToken ct) =>
        db.BackupPolicies.AnyAsync(p => p.TrustId == trustId, ct);

    /// <summary>Deletes the policy; false when it was already gone.</summary>
    public async Task<bool> DeleteAsync(long id, CancellationToken ct) =>
        await db.BackupPolicies.Where(p => p.Id == id).ExecuteDeleteAsync(ct) == 1;

    /// <summary>Enabled policies whose due time has passed, the most overdue first.</summary>
    public Task<List<BackupPolicy>> FindDueAsync(DateTimeOffset now, int limit, CancellationToken ct) =>
        db.BackupPolicies.AsNoTracking()
            .Where(p => p.Enabled && p.NextRunAt <= now)
            .OrderBy(p => p.NextRunAt)
            .Take(limit)
            .ToListAsync(ct);

    /// <summary>
    /// Claims due time <paramref name="due"/>: moves <see cref="BackupPolicy.NextRunAt"/> to <paramref name="next"/> only
    /// while it still is <paramref name="due"/>. True for exactly one caller per due time.
    /// </summary>
    public async Task<bool> TryClaimAsync(long id, DateTimeOffset due, DateTimeOffset next, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await db.BackupPolicies
            .Where(p => p.Id == id && p.Enabled && p.NextRunAt == due)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.NextRunAt, next)
                .SetProperty(p => p.LastRunAt, now)
                .SetProperty(p => p.UpdatedAt, now), ct) == 1;
    }

    /// <summary>Records what a run did.</summary>
    public Task RecordResultAsync(long id, string result, long? backupId, CancellationToken ct) =>
        db.BackupPolicies.Where(p => p.Id == id)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.LastResult, result.Length <= 1024 ? result : result[..1024])
                .SetProperty(p => p.LastBackupId, p => backupId ?? p.LastBackupId), ct);

    /// <summary>The backups a policy made, as retention sees them (deleted ones are gone from the table).</summary>
    public async Task<List<RetentionCandidate>> RetentionCandidatesAsync(long policyId, CancellationToken ct)
    {
        var rows = await db.Backups.AsNoTracking()
            .Where(b => b.PolicyId == policyId && (b.Status == BackupStatus.Available || b.Status == BackupStatus.Error))
            .Select(b => new { b.Id, b.CreatedAt, b.Status })
            .ToListAsync(ct);
        return [.. rows.Select(r => new RetentionCandidate(r.Id, r.CreatedAt, r.Status == BackupStatus.Available))];
    }
}
