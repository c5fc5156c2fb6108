using Microsoft.EntityFrameworkCore;
using VolumeBackup.Domain.Volumes;

namespace VolumeBackup.Persistence.Stores;

/// <summary>
/// Volumes in the metadata database. Reads are untracked snapshots; every status change is one guarded statement
/// (<see cref="TryTransitionAsync"/>), so two racing requests cannot both win.
/// </summary>
public sealed class VolumeStore(VolumeBackupDbContext db, TimeProvider time)
{
    // First key of the PostgreSQL advisory lock that serializes one tenant's volume inserts ("VBQT"); the second key is
    // the tenant id hashed by the server. Two tenants sharing a hash only wait for each other, never over-admit.
    private const int QuotaLockClass = 0x56425154;

    /// <summary>Inserts a new volume (its Id, CreatedAt and UpdatedAt are set here) and returns it.</summary>
    public async Task<Volume> AddAsync(Volume volume, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(volume);
        volume.CreatedAt = volume.UpdatedAt = time.GetUtcNow();
        if (volume.Uuid == Guid.Empty)
        {
            volume.Uuid = Guid.NewGuid();
        }

        db.Volumes.Add(volume);
        await db.SaveChangesAsync(ct);
        db.Entry(volume).State = EntityState.Detached;
        return volume;
    }

    /// <summary>
    /// Inserts the volume only when the tenant's quota admits it, as one guarded step: the usage is read and the row
    /// inserted while holding the tenant's write serialization, so of racing creates (and restores to a new volume) no
    /// more than the quota allow succeed. Null when the quota does not admit it (nothing inserted).
    /// Joins the caller's transaction when there is one (the insert then commits with it), else runs in its own.
    /// </summary>
    /// <remarks>
    /// PostgreSQL: a transaction-scoped advisory lock per tenant, taken before the count; it is released only at commit
    /// or rollback, so the next holder's count (READ COMMITTED: a fresh snapshot per statement) sees the row. A plain
    /// INSERT ... SELECT ... WHERE count &lt; quota would not do: two such statements read the same snapshot and both insert.
    /// SQLite: Microsoft.Data.Sqlite begins transactions with BEGIN IMMEDIATE, which takes the database's one write
    /// lock before the count, so only one such transaction runs at a time (others wait, up to the command timeout).
    /// </remarks>
    public async Task<Volume?> TryAddWithinQuotaAsync(Volume volume, VolumeQuota quota, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(volume);
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await using (own)
        {
            if (db.Provider == DatabaseProvider.Postgres)
            {
                await db.Database.ExecuteSqlAsync(
                    $"SELECT pg_advisory_xact_lock({QuotaLockClass}, hashtext({volume.TenantId}))", ct);
            }

            if (!quota.Admits(await GetUsageAsync(volume.TenantId, ct), volume.SizeGb))
            {
                return null; // disposing our own transaction rolls it back; the caller's is the caller's to end
            }

            await AddAsync(volume, ct);
            if (own is not null)
            {
                await own.CommitAsync(ct);
            }

            return volume;
        }
    }

    /// <summary>The tenant's volume by its Cinder id, or null when it does not exist or belongs to another tenant.</summary>
    public Task<Volume?> FindByUuidAsync(string tenantId, Guid uuid, CancellationToken ct) =>
        db.Volumes.AsNoTracking().FirstOrDefaultAsync(v => v.Uuid == uuid && v.TenantId == tenantId, ct);

    /// <summary>Any tenant's volume by its Cinder id (for admins), or null.</summary>
    public Task<Volume?> FindByUuidAsync(Guid uuid, CancellationToken ct) =>
        db.Volumes.AsNoTracking().FirstOrDefaultAsync(v => v.Uuid == uuid, ct);

    /// <summary>The tenant's volume, or null when it does not exist or belongs to another tenant.</summary>
    public Task<Volume?> FindAsync(string tenantId, long id, CancellationToken ct) =>
        db.Volumes.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id && v.TenantId == tenantId, ct);

    /// <summary>Any tenant's volume by id (for jobs, which act for the volume's own tenant), or null.</summary>
    public Task<Volume?> FindByIdAsync(long id, CancellationToken ct) =>
        db.Volumes.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct);

    /// <summary>The volumes kept by <paramref name="host"/>'s volume driver, in id order.</summary>
    public Task<List<Volume>> ListOnHostAsync(string host, CancellationToken ct) =>
        db.Volumes.AsNoTracking().Where(v => v.Host == host).OrderBy(v => v.Id).ToListAsync(ct);

    /// <summary>The tenant's volumes in id order.</summary>
    public Task<List<Volume>> ListAsync(string tenantId, CancellationToken ct) =>
        db.Volumes.AsNoTracking().Where(v => v.TenantId == tenantId).OrderBy(v => v.Id).ToListAsync(ct);

    /// <summary>Every tenant's volumes in id order (for admins).</summary>
    public Task<List<Volume>> ListAllAsync(CancellationToken ct) =>
        db.Volumes.AsNoTracking().OrderBy(v => v.Id).ToListAsync(ct);

    /// <summary>Every tenant's adopted volumes on <paramref name="host"/> (those with a managed path), in id order.</summary>
    public Task<List<Volume>> ListManagedAsync(string host, CancellationToken ct) =>
        db.Volumes.AsNoTracking().Where(v => v.Host == host && v.ManagedPath != null).OrderBy(v => v.Id).ToListAsync(ct);

    /// <summary>
    /// Sets what a user may rename or describe, in any status: the name and description when <paramref name="changes"/>
    /// says so, and the metadata (replacing it) when given. False when the tenant has no such volume.
    /// </summary>
    public async Task<bool> UpdateDescriptionAsync(string tenantId, long id, VolumeDescription changes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var now = time.GetUtcNow();
        var rows = await db.Volumes.Where(v => v.Id == id && v.TenantId == tenantId).ExecuteUpdateAsync(s =>
        {
            s.SetProperty(v => v.UpdatedAt, now);
            if (changes.SetName)
            {
                s.SetProperty(v => v.DisplayName, changes.Name);
            }

            if (changes.SetDescription)
            {
                s.SetProperty(v => v.DisplayDescription, changes.Description);
            }

            if (changes.Metadata is { } metadata)
            {
                s.SetProperty(v => v.Metadata, new Dictionary<string, string>(metadata, StringComparer.Ordinal));
            }
        }, ct);
        return rows == 1;
    }

    /// <summary>Count and total size of the tenant's volumes.</summary>
    public async Task<TenantUsage> GetUsageAsync(string tenantId, CancellationToken ct)
    {
        var sizes = await db.Volumes.AsNoTracking().Where(v => v.TenantId == tenantId).Select(v => v.SizeGb).ToListAsync(ct);
        return new TenantUsage(sizes.Count, sizes.Sum(s => (long)s));
    }

    /// <summary>
    /// Moves the volume from one of <paramref name="from"/> to <paramref name="to"/> in one statement.
    /// False when the volume is gone or its status is not one of <paramref name="from"/> (a lost race).
    /// </summary>
    public async Task<bool> TryTransitionAsync(
        long id, IReadOnlyCollection<string> from, string to, CancellationToken ct, string? failReason = null)
    {
        EnsureAllowed(from, to);

        var now = time.GetUtcNow();
        var statuses = from.ToArray();
        var rows = await db.Volumes
            .Where(v => v.Id == id && statuses.Contains(v.Status))
            .ExecuteUpdateAsync(s => s
                .SetProperty(v => v.Status, to)
                .SetProperty(v => v.FailReason, failReason)
                .SetProperty(v => v.UpdatedAt, now), ct);
        return rows == 1;
    }

    /// <summary>
    /// Gives a volume a backup locked <c>backing-up</c> back as the backup found it, in one guarded statement: <c>in-use</c>
    /// when it still has its attachment (Cinder's previous_status), else <c>available</c>. False when it was not backing-up.
    /// </summary>
    public async Task<bool> TryEndBackingUpAsync(long id, CancellationToken ct)
    {
        EnsureAllowed([VolumeStatus.BackingUp], VolumeStatus.Available);
        EnsureAllowed([VolumeStatus.BackingUp], VolumeStatus.InUse);
        var now = time.GetUtcNow();
        var rows = await db.Volumes
            .Where(v => v.Id == id && v.Status == VolumeStatus.BackingUp)
            .ExecuteUpdateAsync(s => s
                .SetProperty(v => v.Status, v => v.AttachmentId != null ? VolumeStatus.InUse : VolumeStatus.Available)
                .SetProperty(v => v.FailReason, (string?)null)
                .SetProperty(v => v.UpdatedAt, now), ct);
        return rows == 1;
    }

    /// <summary>
    /// Moves the volume from one of <paramref name="from"/> to <c>in-use</c> and records <paramref name="attachment"/>,
    /// in one guarded statement. False when the volume is gone or not in one of <paramref name="from"/>.
    /// </summary>
    public async Task<bool> TryAttachAsync(long id, IReadOnlyCollection<string> from, VolumeAttachment attachment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        EnsureAllowed(from, VolumeStatus.InUse);
        var now = time.GetUtcNow();
        var statuses = from.ToArray();
        var rows = await db.Volumes
            .Where(v => v.Id == id && statuses.Contains(v.Status))
            .ExecuteUpdateAsync(s => s
                .SetProperty(v => v.Status, VolumeStatus.InUse)
                .SetProperty(v => v.AttachmentId, attachment.Id)
                .SetProperty(v => v.AttachedServerId, attachment.ServerId)
                .SetProperty(v => v.AttachedHostName, attachment.HostName)
                .SetProperty(v => v.AttachedDevice, attachment.Device)
                .SetProperty(v => v.AttachMode, attachment.Mode)
                .SetProperty(v => v.AttachedAt, attachment.AttachedAt)
                .SetProperty(v => v.UpdatedAt, now), ct);
        return rows == 1;
    }

    /// <summary>
    /// Moves the volume from one of <paramref name="from"/> to <c>available</c> and forgets its attachment, in one
    /// guarded statement; when <paramref name="attachmentId"/> is given, only if it is that attachment. False otherwise.
    /// </summary>
    public async Task<bool> TryDetachAsync(long id, IReadOnlyCollection<string> from, Guid? attachmentId, CancellationToken ct)
    {
        EnsureAllowed(from, VolumeStatus.Available);
        var now = time.GetUtcNow();
        var statuses = from.ToArray();
        var rows = await db.Volumes
            .Where(v => v.Id == id && statuses.Contains(v.Status) && (attachmentId == null || v.AttachmentId == attachmentId))
            .ExecuteUpdateAsync(s => s
                .SetProperty(v => v.Status, VolumeStatus.Available)
                .SetProperty(v => v.AttachmentId, (Guid?)null)
                .SetProperty(v => v.AttachedServerId, (string?)null)
                .SetProperty(v => v.AttachedHostName, (string?)null)
                .SetProperty(v => v.AttachedDevice, (string?)null)
                .SetProperty(v => v.AttachMode, (string?)null)
                .SetProperty(v => v.AttachedAt, (DateTimeOffset?)null)
                .SetProperty(v => v.UpdatedAt, now), ct);
        return rows == 1;
    }

    /// <summary>Removes the row of a volume that is <c>deleting</c>. False when it was not (or is gone).</summary>
    public async Task<bool> RemoveDeletingAsync(long id, CancellationToken ct) =>
        await db.Volumes.Where(v => v.Id == id && v.Status == VolumeStatus.Deleting).ExecuteDeleteAsync(ct) == 1;

    private static void EnsureAllowed(IReadOnlyCollection<string> from, string to)
    {
        ArgumentNullException.ThrowIfNull(from);
        if (from.Any(status => !VolumeTransitions.IsAllowed(status, to)))
        {
            throw new InvalidOperationException($"Volume status change to '{to}' from [{string.Join(", ", from)}] is not allowed.");
        }
    }
}
