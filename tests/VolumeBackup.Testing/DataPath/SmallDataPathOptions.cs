using VolumeBackup.DataPath;

namespace VolumeBackup.Testing.DataPath;

/// <summary>The data path tests' options: 64 KiB blocks like production, but 16-block (1 MiB) spans and 256 KiB packs
/// (four incompressible blocks), so a few MiB of test data crosses many spans and packs.</summary>
public static class SmallDataPathOptions
{
    public const int BlockSize = 65536;

    public static DataPathOptions Value { get; } = new()
    {
        BlockSize = BlockSize,
        SegmentBlocks = 16,
        PackTargetBytes = 256 * 1024,
        ReadChunkBytes = 4 * BlockSize,
        Workers = 2,
        ChunksInFlight = 4,
        UploadConcurrency = 2,
        DownloadConcurrency = 2,
        RestoreRangeBytes = 4 * BlockSize,
    };
}
