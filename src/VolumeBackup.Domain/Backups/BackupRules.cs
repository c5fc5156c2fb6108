using VolumeBackup.Domain.Faults;

namespace VolumeBackup.Domain.Backups;

/// <summary>Checks made before a backup changes; each failure is the spec's exact fault.</summary>
public static class BackupRules
{
    /// <summary>Delete: the backup must be <c>available</c> or <c>error</c>.</summary>
    public static void EnsureDeletable(string status)
    {
        if (status is not (BackupStatus.Available or BackupStatus.Error))
        {
            throw new FaultException(Fault.BadRequest(FaultMessages.BackupStatusMustBeAvailableOrError));
        }
    }

    /// <summary>Restore: the backup must be <c>available</c>.</summary>
    public static void EnsureRestorable(string status)
    {
        if (status != BackupStatus.Available)
        {
            throw new FaultException(Fault.BadRequest(FaultMessages.BackupStatusMustBeAvailable));
        }
    }

    /// <summary>
    /// Verify: the backup must be <c>available</c> with no job on it (<paramref name="jobRunning"/>), since a backup being
    /// created, restored or deleted is read or changed by that job, and one verification at a time is enough.
    /// </summary>
    public static void EnsureVerifiable(string status, bool jobRunning)
    {
        if (status != BackupStatus.Available || jobRunning)
        {
            throw new FaultException(Fault.BadRequest(FaultMessages.BackupStatusMustBeAvailable));
        }
    }

    /// <summary>
    /// Restore and delete of a backup that is being verified are refused (not queued behind it): the verification reads
    /// every object the delete would remove, and the progress field shows one operation at a time.
    /// </summary>
    public static void EnsureNotBeingVerified(bool verifying, string backupId)
    {
        if (verifying)
        {
            throw new FaultException(Fault.BadRequest(FaultMessages.BackupBeingVerified(backupId)));
        }
    }

    /// <summary>Export: the backup must be <c>available</c> (Cinder's message names the status it has).</summary>
    public static void EnsureExportable(string status)
    {
        if (status != BackupStatus.Available)
        {
            throw new FaultException(Fault.BadRequest(FaultMessages.BackupToExportMustBeAvailable(status)));
        }
    }

    /// <summary>
    /// An admin's status reset: only <c>available</c> or <c>error</c>, in any letter case (Cinder's rule); returns the
    /// status as stored.
    /// </summary>
    public static string ResetStatusTarget(string requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        var status = requested.ToLowerInvariant();
        return status is BackupStatus.Available or BackupStatus.Error
            ? status
            : throw new FaultException(Fault.BadRequest(FaultMessages.InvalidBackupResetStatus(requested)));
    }
}
