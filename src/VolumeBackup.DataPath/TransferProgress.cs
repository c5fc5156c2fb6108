namespace VolumeBackup.DataPath;

/// <summary>Bytes of the volume handled so far out of its total; holes and zero blocks count as done when passed.</summary>
public readonly record struct TransferProgress(long BytesDone, long BytesTotal);
