namespace VolumeBackup.Domain.Volumes;

/// <summary>The volume statuses, as stored in the database and shown by the API. Frozen by a golden test: only ever add.</summary>
public static class VolumeStatus
{
    public const string Creating = "creating";
    public const string Available = "available";
    public const string BackingUp = "backing-up";
    public const string RestoringBackup = "restoring-backup";
    public const string ErrorRestoring = "error_restoring";
    public const string Deleting = "deleting";
    public const string Error = "error";

    /// <summary>
    /// Cinder's status of an attached volume. No operation of this service attaches volumes yet, so it is not in
    /// <see cref="All"/>; the backup rules already answer it as Cinder does.
    /// </summary>
    public const string InUse = "in-use";

    public static IReadOnlyList<string> All { get; } =
        [Creating, Available, BackingUp, RestoringBackup, ErrorRestoring, Deleting, Error];
}
