using Microsoft.EntityFrameworkCore;
using VolumeBackup.DataPath;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.Domain;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Faults;
using VolumeBackup.ObjectStores;
using VolumeBackup.Persistence;

namespace VolumeBackup.Server.Operations.Backups;

/// <summary>
/// Disaster recovery: after the database was lost (or restored from an older copy), every backup whose root is still in
/// a container becomes a row again, so it lists, restores and deletes like any other.
/// </summary>
internal sealed partial class BackupRecords
{
    /// <summary>
    /// Reads every root of <paramref name="container"/> (the tenant's store) and makes an <c>available</c> row for each
    /// one the database lacks. A root whose row exists (same id, tenant and container) is left alone. A root keeps its id
    /// as the row id when that id is free; when another row holds it, the root is adopted under a new id (a copy of the
    /// root named after the new row, <see cref="BackupEngine.AdoptAsync"/>), and a root that already has such a copy with a
    /// row counts as present. Roots that cannot be read are named, not imported.
    /// </summary>
    public async Task<RecoveredBackups> RecoverAsync(string tenantId, string? userId, string container, CancellationToken ct)
    {
        var store = stores.OpenForRequest(caller, tenantId, container); // no job: the caller's own credentials
        var (roots, unreadable) = await ReadRootsAsync(store, ct);
        var rootIds = RootIdsOf(roots, unreadable);

        var imported = new List<Backup>();
        var present = new List<Backup>();
        var rowed = new List<BackupManifest>(); // roots that have their row (found or made now)
        var homeless = new List<BackupManifest>();
        foreach (var root in roots)
        {
            var row = RouteIds.TryParse(root.BackupId, out var id) ? await backups.FindByIdAsync(id, ct) : null;
            if (row is not null && row.TenantId == tenantId && row.Container == container)
            {
                present.Add(row);
                rowed.Add(root);
            }
            else
            {
                homeless.Add(root);
            }
        }

        foreach (var root in homeless)
        {
            if (rowed.FirstOrDefault(r => IsCopyOf(r, root)) is { } copy)
            {
                // Adopted by an earlier recovery: its copy's row stands for it.
                present.Add((await backups.FindByIdAsync(long.Parse(copy.BackupId, System.Globalization.CultureInfo.InvariantCulture), ct))!);
                continue;
            }

            var backup = await ImportRootAsync(store, tenantId, userId, container, root, rootIds, ct);
            imported.Add(backup);
            rowed.Add(root with { BackupId = RouteIds.Format(backup.Id) });
        }

        return new RecoveredBackups(imported, [.. present.DistinctBy(b => b.Id).OrderBy(b => b.Id)], unreadable);
    }

    // A root and its adopted copy differ only in their ids (AdoptAsync copies the rest as it is).
    private static bool IsCopyOf(BackupManifest copy, BackupManifest root) =>
        copy.BackupId != root.BackupId && copy.VolumeSize == root.VolumeSize && copy.CreatedAt == root.CreatedAt
        && copy.VolumeId == root.VolumeId && copy.Segments.SequenceEqual(root.Segments);

    // The ids the container's roots name, readable or not: no adopted root's copy may land on one of them.
    private static HashSet<string> RootIdsOf(List<BackupManifest> roots, List<string> unreadable)
    {
        var ids = roots.Select(r => r.BackupId).ToHashSet(StringComparer.Ordinal);
        foreach (var key in unreadable)
        {
            if (ManifestKeys.TryGetBackupId(key, out var id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    private async Task<Backup> ImportRootAsync(
        IObjectStore store, string tenantId, string? userId, string container, BackupManifest root, HashSet<string> rootIds,
        CancellationToken ct)
    {
        var row = RecordOf(tenantId, userId, container, root);
        row.Uuid = Guid.NewGuid();
        if (RouteIds.TryParse(root.VolumeId, out var volumeId) && await volumes.FindAsync(tenantId, volumeId, ct) is not null)
        {
            row.VolumeId = volumeId;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var postgres = db.Provider == DatabaseProvider.Postgres;
        if (postgres)
        {
            // A row inserted with an explicit id leaves the identity sequence behind, so a backup created meanwhile could
            // draw the same id. Inserts take the table's ROW EXCLUSIVE lock before they draw from the sequence, and this
            // lock excludes them until the sequence has moved past the id (SQLite's autoincrement moves on by itself).
            await db.Database.ExecuteSqlRawAsync("""LOCK TABLE "Backups" IN SHARE ROW EXCLUSIVE MODE""", ct);
        }

        var keepsId = RouteIds.TryParse(root.BackupId, out var id) && await backups.FindByIdAsync(id, ct) is null;
        if (keepsId)
        {
            row.Id = id;
        }

        db.Backups.Add(row);
        await db.SaveChangesAsync(ct);
        if (keepsId && postgres)
        {
            // Never backwards: the sequence may already be past the largest id (values drawn by rolled-back inserts).
            await db.Database.ExecuteSqlRawAsync(
                """
                SELECT setval(pg_get_serial_sequence('"Backups"', 'Id'), GREATEST(
                    (SELECT max("Id") FROM "Backups"),
                    COALESCE(pg_sequence_last_value(pg_get_serial_sequence('"Backups"', 'Id')::regclass), 1)))
                """, ct);
        }

        while (!keepsId && rootIds.Contains(RouteIds.Format(row.Id)))
        {
            // The new id names another root of this container (a later one, still without its row): the copy would land on
            // it. Give the id up and take the next; neither provider hands out an id again once deleted in the transaction.
            db.Backups.Remove(row);
            await db.SaveChangesAsync(ct);
            row.Id = 0;
            db.Backups.Add(row);
            await db.SaveChangesAsync(ct);
        }

        db.Entry(row).State = EntityState.Detached;
        if (!keepsId)
        {
            try
            {
                await engine.AdoptAsync(store, root.BackupId, RouteIds.Format(row.Id), ct);
            }
            catch (DataPathException e)
            {
                throw new FaultException(Fault.BadRequest($"Invalid backup: {e.Message}")); // rolls the row back
            }
        }

        await transaction.CommitAsync(ct);
        return row;
    }

    // Every root key of the container, parsed through the engine's listing; keys it skipped could not be read.
    private async Task<(List<BackupManifest> Roots, List<string> Unreadable)> ReadRootsAsync(IObjectStore store, CancellationToken ct)
    {
        var keys = new List<string>();
        var roots = new List<BackupManifest>();
        try
        {
            await foreach (var info in store.ListAsync(ManifestKeys.BackupsPrefix, ct))
            {
                if (ManifestKeys.TryGetBackupId(info.Key, out _))
                {
                    keys.Add(info.Key);
                }
            }

            await foreach (var root in engine.ListBackupsAsync(store, ct))
            {
                roots.Add(root);
            }
        }
        catch (ObjectNotFoundException)
        {
            throw new FaultException(Fault.BadRequest($"Invalid backup: container '{store.Container}' does not exist."));
        }

        var read = roots.Select(r => ManifestKeys.RootOf(r.BackupId)).ToHashSet(StringComparer.Ordinal);
        var unreadable = keys.Where(k => !read.Contains(k)).Order(StringComparer.Ordinal).ToList();
        // Oldest first, so that a root kept under its own id never waits behind a newer one adopted under a new id.
        return ([.. roots.OrderBy(r => r.CreatedAt).ThenBy(r => r.BackupId, StringComparer.Ordinal)], unreadable);
    }
}
