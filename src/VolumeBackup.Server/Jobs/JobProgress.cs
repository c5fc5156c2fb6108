namespace VolumeBackup.Server.Jobs;

/// <summary>Bytes of the volume handled so far out of the total.</summary>
public readonly record struct JobProgress(long BytesDone, long BytesTotal);
