using VolumeBackup.Domain.Faults;

namespace VolumeBackup.Domain.Backups;

/// <summary>
/// A user's cancel of the work running on a backup: its creation, a restore from it, or its verification. Says what a
/// cancelled operation leaves behind (docs/operations.md, Cancel): a cancelled create leaves the backup <c>error</c>
/// with <see cref="BackupCancelled"/> (its objects removed, its volume back to the status it had); a cancelled restore
/// leaves the backup <c>available</c> and the partly written target volume <c>error_restoring</c> with
/// <see cref="RestoreCancelled"/>; a cancelled verification leaves the backup as it was.
/// </summary>
public static class BackupCancellation
{
    /// <summary>Operation names in the cancel response.</summary>
    public const string Create = "create";
    public const string Restore = "restore";
    public const string Verify = "verify";

    /// <summary>The fail_reason of a backup whose creation was cancelled.</summary>
    public const string BackupCancelled = "The backup was cancelled.";

    /// <summary>The fail_reason of a volume whose restore was cancelled.</summary>
    public const string RestoreCancelled = "The restore was cancelled.";

    /// <summary>The job's last error when its verification was cancelled (the backup shows nothing).</summary>
    public const string VerifyCancelled = "The verification was cancelled.";

    /// <summary>The reason a cancelled <paramref name="operation"/> ends with.</summary>
    public static string ReasonFor(string operation) => operation switch
    {
        Create => BackupCancelled,
        Restore => RestoreCancelled,
        Verify => VerifyCancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not an operation a cancel ends."),
    };

    /// <summary>400: nothing runs on the backup (<paramref name="shownId"/> as the caller wrote it).</summary>
    public static FaultException NothingToCancel(string shownId) =>
        new(Fault.BadRequest($"Invalid backup: no backup, restore or verification of backup {shownId} is running."));
}
