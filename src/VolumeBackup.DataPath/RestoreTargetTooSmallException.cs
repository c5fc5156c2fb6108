namespace VolumeBackup.DataPath;

/// <summary>
/// A restore refused before writing anything because the target holds fewer bytes than the backup: the backup is intact,
/// the target is the wrong one. An adopted device (whose exact size is not a whole number of GiB) can be such a target
/// even when its rounded-up size in GiB passed the request's check.
/// </summary>
public sealed class RestoreTargetTooSmallException : DataPathException
{
    public RestoreTargetTooSmallException(string message) : base(message) { }

    public RestoreTargetTooSmallException(string message, Exception inner) : base(message, inner) { }

    public RestoreTargetTooSmallException() : base("The target volume is smaller than the backup.") { }
}
