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

    // Attachment statuses, Cinder's spelling. os-reserve moves an available volume to attaching (as Cinder's legacy
    // attach flow does); reserved is Cinder's status for an attachment made without a connector (the attachments API,
    // not served yet): known, so views and clients agree on the set, but no transition reaches it today.
    public const string Reserved = "reserved";
    public const string Attaching = "attaching";
    public const string InUse = "in-use";
    public const string Detaching = "detaching";

    public static IReadOnlyList<string> All { get; } =
        [Creating, Available, BackingUp, RestoringBackup, ErrorRestoring, Deleting, Error, Reserved, Attaching, InUse, Detaching];
}
