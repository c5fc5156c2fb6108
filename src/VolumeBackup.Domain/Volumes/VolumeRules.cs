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
    /// a still image from: <paramref name="whyNoSnapshot"/> is null when the volume's node can take one, else the reason
    /// (one sentence) it cannot. Any other status but <c>available</c> is Cinder's 400.
    /// </summary>
    public static void EnsureCanBeBackedUp(string status, bool force, string? whyNoSnapshot)
    {
        if (status == VolumeStatus.InUse)
        {
            if (!force)
            {
                throw new FaultException(Fault.BadRequest(FaultMessages.InUseBackupNeedsForce));
            }

            if (whyNoSnapshot is not null)
            {
                throw new FaultException(Fault.BadRequest(FaultMessages.InUseBackupNeedsSnapshot(whyNoSnapshot)));
            }

            return;
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

    /// <summary>Reserving (Cinder's os-reserve) needs an <c>available</c> volume: one server at a time.</summary>
    public static void EnsureCanBeReserved(string status)
    {
        if (status != VolumeStatus.Available)
        {
            throw new FaultException(Fault.BadRequest(FaultMessages.VolumeMustBeAvailableToReserve(status)));
        }
    }

    /// <summary>Attaching needs an <c>available</c> volume or one reserved for it (<c>attaching</c>).</summary>
    public static void EnsureCanBeAttached(string status)
    {
        if (status is not (VolumeStatus.Available or VolumeStatus.Attaching))
        {
            throw new FaultException(Fault.BadRequest(FaultMessages.VolumeMustBeAvailableToAttach(status)));
        }
    }

    /// <summary>Beginning to detach needs an <c>in-use</c> volume.</summary>
    public static void EnsureCanBeginDetaching(string status)
    {
        if (status != VolumeStatus.InUse)
        {
            throw new FaultException(Fault.BadRequest(FaultMessages.VolumeMustBeInUseToDetach));
        }
    }

    /// <summary>Detaching needs an attached volume: <c>in-use</c>, or <c>detaching</c> after os-begin_detaching.</summary>
    public static void EnsureCanBeDetached(string status)
    {
        if (status is not (VolumeStatus.InUse or VolumeStatus.Detaching))
        {
            throw new FaultException(Fault.BadRequest(FaultMessages.VolumeMustBeInUseToDetach));
        }
    }
}
