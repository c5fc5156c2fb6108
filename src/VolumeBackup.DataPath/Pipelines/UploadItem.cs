using VolumeBackup.DataPath.Buffers;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Packs;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>An object to PUT. <see cref="PooledBuffer"/> goes back to the pack pool once the PUT is done.</summary>
internal sealed record UploadItem(
    string Key, ReadOnlyMemory<byte> Data, AlignedBuffer? PooledBuffer, Hash256? PackId, IReadOnlyList<PackIndexEntry>? Entries);
