namespace VolumeBackup.DataPath.Blocks;

/// <summary>How a block's bytes are stored in a pack. The numbers are part of the format: never renumber, only add.</summary>
public enum BlockCompression : byte
{
    /// <summary>Stored as plaintext: compression did not make it smaller.</summary>
    None = 0,

    /// <summary>One zstd frame holding the whole block.</summary>
    Zstd = 1,
}
