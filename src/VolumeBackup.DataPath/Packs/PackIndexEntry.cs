using VolumeBackup.DataPath.Blocks;
using VolumeBackup.DataPath.Hashing;

namespace VolumeBackup.DataPath.Packs;

/// <summary>One block a pack holds, as its index lists it.</summary>
public readonly record struct PackIndexEntry(Hash256 Hash, uint Offset, uint StoredLength, uint PlainLength, BlockCompression Compression);
