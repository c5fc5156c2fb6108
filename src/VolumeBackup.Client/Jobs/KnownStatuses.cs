namespace VolumeBackup.Client.Jobs;

/// <summary>The spec's status strings the waits react to.</summary>
public static class KnownStatuses
{
    public const string Creating = "creating";
    public const string Available = "available";
    public const string Restoring = "restoring";
    public const string Deleting = "deleting";
    public const string Error = "error";
    public const string VolumeRestoring = "restoring-backup";
    public const string VolumeErrorRestoring = "error_restoring";
}
