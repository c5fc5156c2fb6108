using VolumeBackup.DataPath.Blocks;
using ZstdSharp;

namespace VolumeBackup.DataPath.Compression;

/// <summary>
/// Compresses blocks with zstd. Not thread-safe: each worker owns one, because it wraps a zstd context whose
/// tables are expensive to create and are reused from block to block.
/// </summary>
public sealed class BlockCompressor : IDisposable
{
    private readonly Compressor _compressor;

    /// <param name="level">zstd level; 1 is the fast default (see <see cref="DataPathOptions.CompressionLevel"/>).</param>
    public BlockCompressor(int level) => _compressor = new Compressor(level);

    /// <summary>
    /// Compresses <paramref name="source"/> into <paramref name="destination"/> when the result is strictly smaller than the
    /// source; otherwise returns <see cref="BlockCompression.None"/> and the caller stores the block raw.
    /// </summary>
    public BlockCompression TryCompress(ReadOnlySpan<byte> source, Span<byte> destination, out int written)
    {
        var limit = Math.Min(destination.Length, source.Length - 1);
        if (limit > 0 && _compressor.TryWrap(source, destination[..limit], out written))
        {
            return BlockCompression.Zstd;
        }

        written = 0;
        return BlockCompression.None;
    }

    public void Dispose() => _compressor.Dispose();
}
