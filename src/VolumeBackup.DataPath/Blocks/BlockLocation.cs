using VolumeBackup.DataPath.Hashing;

namespace VolumeBackup.DataPath.Blocks;

/// <summary>Where a stored block lives: <see cref="StoredLength"/> bytes at <see cref="Offset"/> of pack <see cref="Pack"/>.</summary>
public readonly record struct BlockLocation(Hash256 Pack, uint Offset, uint StoredLength, BlockCompression Compression);
