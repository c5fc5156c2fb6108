using VolumeBackup.DataPath;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.Domain;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Faults;
using VolumeBackup.ObjectStores;
using VolumeBackup.Persistence;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Identity;
using VolumeBackup.Server.Jobs;

namespace VolumeBackup.Server.Operations.Backups;

/// <summary>
/// Export and import of backup records (Cinder's admin <c>export_record</c>/<c>import_record</c>): a record names the
/// container and the root manifest the data lives under, so a deployment sharing the object store can take the backup
/// over. Import checks the root is there, then adds the row and a copy of the root under the row's id in one step, so
/// the backup restores and deletes through the same jobs as any other (docs/cinder-api.md, Backups). Disaster recovery
/// (<see cref="RecoverAsync"/>) builds rows the same way from every root of a container (docs/operations.md).
/// </summary>
internal sealed partial class BackupRecords(
    VolumeBackupDbContext db, BackupStore backups, VolumeStore volumes, JobObjectStores stores, BackupEngine engine,
    TenantContext caller)
{
    /// <summary>The backup to export and the name of its root manifest; 400 unless it is <c>available</c>.</summary>
    public static string ManifestIdOf(Backup backup)
    {
        ArgumentNullException.ThrowIfNull(backup);
        BackupRules.EnsureExportable(backup.Status);
        return RouteIds.Format(backup.Id); // the data path names a backup's root by its row id (jobs use the same)
    }

    /// <summary>Imports <paramref name="record"/> into <paramref name="tenantId"/> as an <c>available</c> backup.</summary>
    public async Task<Backup> ImportAsync(string tenantId, string? userId, ImportedBackup record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!ManifestKeys.IsValidId(record.ManifestId))
        {
            throw new FaultException(Fault.BadRequest($"Invalid backup: '{record.ManifestId}' is not a backup's manifest name."));
        }

        if (await backups.FindByUuidAsync(record.Uuid, ct) is not null)
        {
            throw new FaultException(Fault.BadRequest(FaultMessages.BackupAlreadyExists));
        }

        var store = stores.OpenForRequest(caller, tenantId, record.Container); // no job yet: the caller's own credentials
        BackupManifest source;
        try
        {
            source = await ManifestReader.TryReadRootAsync(store, record.ManifestId, ct)
                ?? throw new FaultException(Fault.BadRequest(NotInContainer(record)));
        }
        catch (ObjectNotFoundException)
        {
            throw new FaultException(Fault.BadRequest(NotInContainer(record))); // no such container
        }
        catch (DataPathException e)
        {
            throw new FaultException(Fault.BadRequest($"Invalid backup: {e.Message}"));
        }

        // The row and the root copy named after it land together: a copy that fails rolls the row back.
        var row = RecordOf(tenantId, userId, record.Container, source);
        row.Uuid = record.Uuid;
        row.VolumeId = 0; // the volume belongs to the other deployment; Cinder shows a placeholder too
        row.DisplayName = record.DisplayName;
        row.DisplayDescription = record.DisplayDescription;
        row.IsIncremental = record.IsIncremental;
        row.Metadata = record.Metadata is null ? new(StringComparer.Ordinal) : new(record.Metadata, StringComparer.Ordinal);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var backup = await backups.AddAsync(row, ct);
        try
        {
            await engine.AdoptAsync(store, record.ManifestId, RouteIds.Format(backup.Id), ct);
        }
        catch (DataPathException e)
        {
            throw new FaultException(Fault.BadRequest($"Invalid backup: {e.Message}")); // rolls the row back
        }

        await transaction.CommitAsync(ct);
        return backup;
    }

    /// <summary>
    /// A new <c>available</c> row for the backup whose root is <paramref name="root"/>, with what the root knows: size,
    /// object count, the bytes it added and the bytes of data it covers, name, description, whether it builds on a
    /// previous backup, when it was made. Import and recovery both start from it (import then puts the record's facts over it).
    /// </summary>
    internal static Backup RecordOf(string tenantId, string? userId, string container, BackupManifest root) => new()
    {
        TenantId = tenantId,
        UserId = userId,
        DisplayName = root.DisplayName,
        DisplayDescription = root.DisplayDescription,
        Container = container,
        Status = BackupStatus.Available,
        SizeGb = (int)Math.Max(1, (root.VolumeSize + (1L << 30) - 1) >> 30),
        ObjectCount = root.Stats.ObjectCount,
        StoredBytes = root.Stats.NewStoredBytes,
        // Non-zero blocks times the block size; the last block may reach past the volume's end.
        DataBytes = Math.Min(root.Stats.StoredBlocks * root.BlockSize, root.VolumeSize),
        IsIncremental = root.PreviousBackupId is not null,
        CreatedAt = root.CreatedAt,
        UpdatedAt = root.CreatedAt,
    };

    private static string NotInContainer(ImportedBackup record) =>
        $"Invalid backup: container '{record.Container}' holds no backup {record.ManifestId}.";
}
