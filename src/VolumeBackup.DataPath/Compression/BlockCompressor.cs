using VolumeBackup.DataPath.Blocks;
using ZstdNet;

namespace VolumeBackup.DataPath.Compression;

/// <summary>
/// Compresses blocks with the native zstd library (about 1.4x the managed port's speed on text-like blocks). Not
/// thread-safe: each worker owns one, because it wraps a zstd context whose tables are reused from block to block.
/// </summary>
public sealed class BlockCompressor : IDisposable
{
    private readonly Compressor _compressor;
    private readonly CompressionOptions _options;
    private byte[] _scratch = [];

    /// <param name="level">zstd level; 1 is the fast default (see <see cref="DataPathOptions.CompressionLevel"/>).</param>
    public BlockCompressor(int level)
    {
        _options = new CompressionOptions(level);
        _compressor = new Compressor(_options);
    }

    /// <summary>
    /// Compresses <paramref name="source"/> into <paramref name="destination"/> when the result is strictly smaller than the
    /// source; otherwise returns <see cref="BlockCompression.None"/> and the caller stores the block raw.
    /// </summary>
    public BlockCompression TryCompress(ReadOnlySpan<byte> source, Span<byte> destination, out int written)
    {
        // zstd writes into a buffer of its worst-case bound: asked to fit a smaller one, it reports failure by exception,
        // which would be thrown for every random block. Copying the compressed bytes out costs far less.
        var bound = Compressor.GetCompressBound(source.Length);
        if (_scratch.Length < bound)
        {
            _scratch = GC.AllocateUninitializedArray<byte>(bound);
        }

        var length = _compressor.Wrap(source, _scratch);
        if (length < source.Length && length <= destination.Length)
        {
            _scratch.AsSpan(0, length).CopyTo(destination);
            written = length;
            return BlockCompression.Zstd;
        }

        written = 0;
        return BlockCompression.None;
    }

    public void Dispose()
    {
        _compressor.Dispose();
        _options.Dispose();
    }
}
