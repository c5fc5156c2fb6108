namespace VolumeBackup.DataPath;

/// <summary>
/// A failure of a backup, restore or delete that the user should read: its <see cref="Exception.Message"/> becomes the
/// backup's fail_reason, so it names the backup, block or object concerned and never holds stack traces or local paths.
/// </summary>
public class DataPathException : Exception
{
    public DataPathException(string message) : base(message) { }

    public DataPathException(string message, Exception inner) : base(message, inner) { }

    public DataPathException() : base("The backup data path failed.") { }
}
