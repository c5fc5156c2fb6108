namespace VolumeBackup.Volumes;

/// <summary>A span of a volume: <see cref="Offset"/> and <see cref="Length"/> in bytes.</summary>
public readonly record struct ByteRange(long Offset, long Length)
{
    public long End => Offset + Length;
}
