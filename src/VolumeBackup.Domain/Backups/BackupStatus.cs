namespace VolumeBackup.Domain.Backups;

/// <summary>The backup statuses of the spec, as stored and shown. Frozen by a golden test: only ever add.</summary>
public static class BackupStatus
{
    public const string Creating = "creating";
    public const string Available = "available";
    public const string Restoring = "restoring";
    public const string Deleting = "deleting";
    public const string Error = "error";

    public static IReadOnlyList<string> All { get; } = [Creating, Available, Restoring, Deleting, Error];
}
