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

    public static IReadOnlyList<string> All { get; } =
        [Creating, Available, BackingUp, RestoringBackup, ErrorRestoring, Deleting, Error];
}
