namespace VolumeBackup.DataPath.Blocks;

/// <summary>Detects all-zero blocks, which are never stored: a restore writes them as holes.</summary>
public static class ZeroBlock
{
    /// <summary>True when every byte is zero. Vectorised by the runtime (IndexOfAnyExcept), so it runs at memory speed.</summary>
    public static bool IsAllZero(ReadOnlySpan<byte> block) => block.IndexOfAnyExcept((byte)0) < 0;
}
