using VolumeBackup.DataPath.Blocks;
using ZstdNet;

namespace VolumeBackup.DataPath.Compression;

/// <summary>Turns stored block bytes back into plaintext with the native zstd library. Not thread-safe: one per restore worker.</summary>
public sealed class BlockDecompressor : IDisposable
{
    private readonly Decompressor _decompressor = new();

    /// <summary>
    /// Writes the plaintext of a stored block into <paramref name="destination"/> and returns its length, or -1 when the
    /// stored bytes are not a valid encoding that fits (damaged data; the caller reports it).
    /// </summary>
    public int TryDecode(ReadOnlySpan<byte> stored, BlockCompression compression, Span<byte> destination)
    {
        switch (compression)
        {
            case BlockCompression.None:
                if (stored.Length > destination.Length)
                {
                    return -1;
                }

                stored.CopyTo(destination);
                return stored.Length;
            case BlockCompression.Zstd:
                try
                {
                    // No size precheck: a frame whose plaintext does not fit fails inside zstd, without a second parse.
                    return _decompressor.Unwrap(stored, destination, bufferSizePrecheck: false);
                }
                catch (ZstdException)
                {
                    return -1; // a damaged frame: the block hash check reports it with the block's name
                }

            default:
                return -1;
        }
    }

    public void Dispose() => _decompressor.Dispose();
}
