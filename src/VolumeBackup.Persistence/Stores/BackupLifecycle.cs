using Microsoft.EntityFrameworkCore;
using VolumeBackup.Domain.Backups;

namespace VolumeBackup.Persistence.Stores;

/// <summary>
/// The backup status changes that carry more than a status (the restore target, progress, the object count), each one
/// guarded statement like <see cref="BackupStore.TryTransitionAsync"/>: false means the backup was not in the expected
/// status (another request or worker won the race, or it is gone).
/// </summary>
public sealed class BackupLifecycle(VolumeBackupDbContext db, TimeProvider time)
{
    /// <summary>Operation names shown in the <c>progress</c> field.</summary>
    public const string CreateOperation = "create";
    public const string RestoreOperation = "restore";

    /// <summary>
    /// <c>available</c> -> <c>restoring</c> onto <paramref name="targetVolumeId"/>, old fail_reason cleared. Progress is
    /// reset but not shown (no operation) until the worker reports some: a queued job shows none.
    /// </summary>
    public async Task<bool> TryBeginRestoreAsync(long backupId, long targetVolumeId, long bytesTotal, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await db.Backups
            .Where(b => b.Id == backupId && b.Status == BackupStatus.Available)
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Status, BackupStatus.Restoring)
                .SetProperty(b => b.RestoreVolumeId, targetVolumeId)
                .SetProperty(b => b.ProgressOperation, (string?)null)
                .SetProperty(b => b.ProgressBytesDone, 0L)
                .SetProperty(b => b.ProgressBytesTotal, bytesTotal)
                .SetProperty(b => b.FailReason, (string?)null)
                .SetProperty(b => b.UpdatedAt, now), ct) == 1;
    }

    /// <summary>
    /// <c>creating</c> -> <c>available</c> with the number of objects the backup refers to, the bytes it added to its
    /// container and the bytes of data it covers; progress cleared.
    /// </summary>
    public async Task<bool> TryCompleteCreateAsync(long backupId, int objectCount, long storedBytes, long dataBytes, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await db.Backups
            .Where(b => b.Id == backupId && b.Status == BackupStatus.Creating)
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Status, BackupStatus.Available)
                .SetProperty(b => b.ObjectCount, objectCount)
                .SetProperty(b => b.StoredBytes, storedBytes)
                .SetProperty(b => b.DataBytes, dataBytes)
                .SetProperty(b => b.FailReason, (string?)null)
                .SetProperty(b => b.ProgressOperation, (string?)null)
                .SetProperty(b => b.UpdatedAt, now), ct) == 1;
    }

    /// <summary>
    /// Ends a job on the backup: from <paramref name="from"/> to <paramref name="to"/> with <paramref name="failReason"/>
    /// (null clears it), progress and restore target cleared.
    /// </summary>
    public async Task<bool> TryEndAsync(long backupId, string from, string to, string? failReason, CancellationToken ct)
    {
        if (!BackupTransitions.IsAllowed(from, to))
        {
            throw new InvalidOperationException($"Backup status change from '{from}' to '{to}' is not allowed.");
        }

        var now = time.GetUtcNow();
        return await db.Backups
            .Where(b => b.Id == backupId && b.Status == from)
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Status, to)
                .SetProperty(b => b.FailReason, failReason)
                .SetProperty(b => b.ProgressOperation, (string?)null)
                .SetProperty(b => b.RestoreVolumeId, (long?)null)
                .SetProperty(b => b.UpdatedAt, now), ct) == 1;
    }

    /// <summary>
    /// An admin's status reset (Cinder's <c>os-reset_status</c>): from whatever status the backup has to
    /// <paramref name="to"/> (checked by <see cref="BackupRules.ResetStatusTarget"/>), fail_reason, progress and restore
    /// target cleared. It overrides the transition table on purpose: it exists to unstick a backup. False when gone.
    /// </summary>
    public async Task<bool> TryResetStatusAsync(long backupId, string to, CancellationToken ct)
    {
        if (to is not (BackupStatus.Available or BackupStatus.Error))
        {
            throw new InvalidOperationException($"A backup's status cannot be reset to '{to}'.");
        }

        var now = time.GetUtcNow();
        return await db.Backups
            .Where(b => b.Id == backupId && b.Status != BackupStatus.Deleting)
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Status, to)
                .SetProperty(b => b.FailReason, (string?)null)
                .SetProperty(b => b.ProgressOperation, (string?)null)
                .SetProperty(b => b.RestoreVolumeId, (long?)null)
                .SetProperty(b => b.UpdatedAt, now), ct) == 1;
    }

    /// <summary>
    /// An admin's force delete: from any of <see cref="BackupTransitions.ForceDeleteSources"/> to <c>deleting</c>,
    /// progress and restore target cleared. False when gone or already deleting.
    /// </summary>
    public async Task<bool> TryBeginForceDeleteAsync(long backupId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var sources = BackupTransitions.ForceDeleteSources.ToArray();
        return await db.Backups
            .Where(b => b.Id == backupId && sources.Contains(b.Status))
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Status, BackupStatus.Deleting)
                .SetProperty(b => b.FailReason, (string?)null)
                .SetProperty(b => b.ProgressOperation, (string?)null)
                .SetProperty(b => b.RestoreVolumeId, (long?)null)
                .SetProperty(b => b.UpdatedAt, now), ct) == 1;
    }

    /// <summary>
    /// Renames a backup or replaces its description or metadata (<paramref name="changes"/>), in any status: Cinder's
    /// update checks none, and these fields take part in no status change. False when gone.
    /// </summary>
    public async Task<bool> UpdateDetailsAsync(long backupId, BackupDetailsChange changes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var backup = await db.Backups.FirstOrDefaultAsync(b => b.Id == backupId, ct);
        if (backup is null)
        {
            return false;
        }

        if (changes.SetName)
        {
            backup.DisplayName = changes.Name;
        }

        if (changes.SetDescription)
        {
            backup.DisplayDescription = changes.Description;
        }

        if (changes.Metadata is { } metadata)
        {
            backup.Metadata = new Dictionary<string, string>(metadata, StringComparer.Ordinal);
        }

        backup.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        db.Entry(backup).State = EntityState.Detached;
        return true;
    }

    /// <summary>
    /// One page of backups in id order (stable whatever is added or deleted meanwhile) for a detailed list: those after
    /// <paramref name="afterId"/>, at most <paramref name="limit"/>, every tenant's when <paramref name="tenantId"/> is
    /// null; each backup with the columns such a list shows (names, volume, container,
    /// status and reason, size, object count, creation time, progress, verification, stored and data bytes) and without its metadata, user, UUID or restore
    /// target, so that a large page neither reads nor parses what it does not show.
    /// </summary>
    public Task<List<Backup>> ListDetailPageAsync(string? tenantId, long? afterId, int limit, CancellationToken ct) =>
        PageQuery(tenantId, afterId, limit).Select(b => new Backup
        {
            Id = b.Id,
            TenantId = b.TenantId,
            VolumeId = b.VolumeId,
            DisplayName = b.DisplayName,
            DisplayDescription = b.DisplayDescription,
            Container = b.Container,
            Status = b.Status,
            FailReason = b.FailReason,
            CreatedAt = b.CreatedAt,
            UpdatedAt = b.UpdatedAt,
            SizeGb = b.SizeGb,
            ObjectCount = b.ObjectCount,
            IsIncremental = b.IsIncremental,
            ProgressOperation = b.ProgressOperation,
            ProgressBytesDone = b.ProgressBytesDone,
            ProgressBytesTotal = b.ProgressBytesTotal,
            Verification = b.Verification,
            VerifiedAt = b.VerifiedAt,
            VerificationReport = b.VerificationReport,
            StoredBytes = b.StoredBytes,
            DataBytes = b.DataBytes,
        }).ToListAsync(ct);

    /// <summary>
    /// The same page as <see cref="ListDetailPageAsync"/>, reading only each backup's id and status: the list a client
    /// polls most, so it neither reads nor converts the rest of the row.
    /// </summary>
    public Task<List<BackupIdAndStatus>> ListStatusPageAsync(string? tenantId, long? afterId, int limit, CancellationToken ct) =>
        PageQuery(tenantId, afterId, limit).Select(b => new BackupIdAndStatus(b.Id, b.Status)).ToListAsync(ct);

    /// <summary>Whether a backup with this id exists (of <paramref name="tenantId"/>, or of anyone when null): a list's marker.</summary>
    public Task<bool> ExistsAsync(string? tenantId, long id, CancellationToken ct) =>
        tenantId is null
            ? db.Backups.AnyAsync(b => b.Id == id, ct)
            : db.Backups.AnyAsync(b => b.Id == id && b.TenantId == tenantId, ct);

    private IQueryable<Backup> PageQuery(string? tenantId, long? afterId, int limit)
    {
        var query = db.Backups.AsNoTracking();
        if (tenantId is not null)
        {
            query = query.Where(b => b.TenantId == tenantId);
        }

        if (afterId is { } after)
        {
            query = query.Where(b => b.Id > after);
        }

        return query.OrderBy(b => b.Id).Take(limit);
    }

    /// <summary>
    /// The volume's newest <c>available</c> backup in <paramref name="container"/> older than <paramref name="backupId"/>:
    /// the one an incremental backup compares against. Null when there is none.
    /// </summary>
    public Task<long?> FindPreviousAsync(long volumeId, string container, long backupId, CancellationToken ct) =>
        db.Backups.AsNoTracking()
            .Where(b => b.VolumeId == volumeId && b.Container == container && b.Id < backupId && b.Status == BackupStatus.Available)
            .OrderByDescending(b => b.Id)
            .Select(b => (long?)b.Id)
            .FirstOrDefaultAsync(ct);

    /// <summary>
    /// The backups of a volume whose snapshots must stay: every one still <c>creating</c> (its job may be running or
    /// queued again) and the latest <c>available</c> one (the base of the next incremental).
    /// </summary>
    public async Task<List<long>> FindSnapshotHoldersAsync(long volumeId, CancellationToken ct)
    {
        var holders = await db.Backups.AsNoTracking()
            .Where(b => b.VolumeId == volumeId && b.Status == BackupStatus.Creating)
            .Select(b => b.Id)
            .ToListAsync(ct);
        var latest = await db.Backups.AsNoTracking()
            .Where(b => b.VolumeId == volumeId && b.Status == BackupStatus.Available)
            .OrderByDescending(b => b.Id)
            .Select(b => (long?)b.Id)
            .FirstOrDefaultAsync(ct);
        if (latest is { } id)
        {
            holders.Add(id);
        }

        return holders;
    }
}
