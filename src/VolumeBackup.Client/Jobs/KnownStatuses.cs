namespace VolumeBackup.Client.Jobs;

/// <summary>
/// The spec's status strings, backups' and volumes'. The client may not reference the server's Domain, so it keeps this copy;
/// a unit test fails when it and the server's statuses differ.
/// </summary>
public static class KnownStatuses
{
    public const string Creating = "creating";
    public const string Available = "available";
    public const string Restoring = "restoring";
    public const string Deleting = "deleting";
    public const string Error = "error";
    public const string VolumeBackingUp = "backing-up";
    public const string VolumeRestoring = "restoring-backup";
    public const string VolumeErrorRestoring = "error_restoring";
    public const string VolumeReserved = "reserved";
    public const string VolumeAttaching = "attaching";
    public const string VolumeInUse = "in-use";
    public const string VolumeDetaching = "detaching";
}
