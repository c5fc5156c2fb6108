using VolumeBackup.DataPath.Buffers;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>A fetched range whose every block was decoded and verified into <see cref="Plain"/>: safe to write.</summary>
/// <param name="LastPlainLength">Bytes of the last block (shorter when the volume ends inside it).</param>
internal sealed record DecodedRange(FetchRange Range, AlignedBuffer Plain, int LastPlainLength);
