namespace VolumeBackup.Volumes.Snapshots;

/// <summary>A snapshot could not be taken or read; the message is one sentence fit for a user.</summary>
public sealed class VolumeSnapshotException : Exception
{
    public VolumeSnapshotException(string message)
        : base(message)
    {
    }

    public VolumeSnapshotException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
