using VolumeBackup.Domain.Faults;

namespace VolumeBackup.Domain.Volumes;

/// <summary>Checks made before a volume changes; each failure is the spec's fault.</summary>
public static class VolumeRules
{
    /// <summary>Only <c>available</c> or <c>error</c> volumes may be deleted.</summary>
    public static void EnsureDeletable(string status)
    {
        if (status is not (VolumeStatus.Available or VolumeStatus.Error or VolumeStatus.ErrorRestoring))
        {
            throw new FaultException(Fault.BadRequest(FaultMessages.VolumeStatusMustBeAvailableOrError));
        }
    }

    /// <summary>A backup can only be taken of an <c>available</c> volume.</summary>
    public static void EnsureCanBeBackedUp(string status)
    {
        if (status != VolumeStatus.Available)
        {
            throw new FaultException(Fault.BadRequest(FaultMessages.VolumeToBackUpMustBeAvailable));
        }
    }

    /// <summary>
    /// Cinder's form of the same rule: an <c>in-use</c> volume needs <paramref name="force"/>, and then a snapshot to read
    /// a still image from, which this service cannot take yet; any other status but <c>available</c> is Cinder's 400.
    /// </summary>
    public static void EnsureCanBeBackedUp(string status, bool force)
    {
        if (status == VolumeStatus.InUse)
        {
            throw new FaultException(Fault.BadRequest(force ? FaultMessages.InUseBackupNeedsSnapshot : FaultMessages.InUseBackupNeedsForce));
        }

        if (status != VolumeStatus.Available)
        {
            throw new FaultException(Fault.BadRequest(FaultMessages.VolumeToBackUpMustBeAvailableOrInUse(status)));
        }
    }

    /// <summary>A restore target must be <c>available</c> and at least as large as the backup.</summary>
    public static void EnsureCanBeRestoredTo(string status, int volumeSizeGb, int backupSizeGb)
    {
        if (status != VolumeStatus.Available)
        {
            throw new FaultException(Fault.BadRequest(FaultMessages.VolumeToRestoreToMustBeAvailable));
        }

        if (volumeSizeGb < backupSizeGb)
        {
            throw new FaultException(Fault.BadRequest(FaultMessages.VolumeToRestoreToIsTooSmall));
        }
    }
}
