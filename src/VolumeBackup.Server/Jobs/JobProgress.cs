namespace VolumeBackup.Server.Jobs;

/// <summary>Bytes of the volume handled so far out of the total.</summary>
internal readonly record struct JobProgress(long BytesDone, long BytesTotal);
