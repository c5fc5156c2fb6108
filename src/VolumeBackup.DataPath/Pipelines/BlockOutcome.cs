using VolumeBackup.DataPath.Blocks;
using VolumeBackup.DataPath.Hashing;

namespace VolumeBackup.DataPath.Pipelines;

internal enum BlockOutcomeKind : byte
{
    Zero,
    Known,
    New,
}

/// <summary>What a worker found for one block of a chunk; the assembler acts on it in volume order.</summary>
internal struct BlockOutcome
{
    public BlockOutcomeKind Kind;
    public Hash256 Hash;
    public BlockLocation Location;
    public BlockCompression Compression;
    public int StoredLength;
    public int PlainLength;
}
