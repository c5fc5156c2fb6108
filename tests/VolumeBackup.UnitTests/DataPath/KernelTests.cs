using VolumeBackup.DataPath.Blocks;
using VolumeBackup.DataPath.Compression;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.Testing.DataPath;

namespace VolumeBackup.UnitTests.DataPath;

public sealed class KernelTests
{
    [Fact]
    public void A_block_is_zero_only_when_every_byte_is_zero()
    {
        var block = new byte[65536];
        Assert.True(ZeroBlock.IsAllZero(block));
        block[65535] = 1;
        Assert.False(ZeroBlock.IsAllZero(block));
        block[65535] = 0;
        block[0] = 1;
        Assert.False(ZeroBlock.IsAllZero(block));
    }

    [Fact]
    public void A_hash_is_the_sha256_of_the_bytes_and_round_trips_through_hex()
    {
        var hash = Hash256.Compute("abc"u8);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", hash.ToString());
        Assert.Equal(hash, Hash256.Parse(hash.ToString().ToUpperInvariant()));
        Assert.False(Hash256.TryParse("xyz", out _));
    }

    [Fact]
    public void Compressible_blocks_are_compressed_and_decode_back()
    {
        var plain = VolumeFile.TextBytes(65536, 1);
        using var compressor = new BlockCompressor(1);
        using var decompressor = new BlockDecompressor();
        var stored = new byte[65536];

        var kind = compressor.TryCompress(plain, stored, out var written);

        Assert.Equal(BlockCompression.Zstd, kind);
        Assert.InRange(written, 1, plain.Length / 2);
        var back = new byte[65536];
        Assert.Equal(plain.Length, decompressor.TryDecode(stored.AsSpan(0, written), kind, back));
        Assert.Equal(plain, back);
    }

    [Fact]
    public void Random_blocks_are_stored_raw_because_zstd_cannot_shrink_them()
    {
        var plain = VolumeFile.RandomBytes(65536, 2);
        using var compressor = new BlockCompressor(1);
        var kind = compressor.TryCompress(plain, new byte[65536], out var written);
        Assert.Equal(BlockCompression.None, kind);
        Assert.Equal(0, written);
    }

    [Fact]
    public void Damaged_compressed_bytes_are_reported_not_thrown()
    {
        using var compressor = new BlockCompressor(1);
        using var decompressor = new BlockDecompressor();
        var stored = new byte[65536];
        compressor.TryCompress(VolumeFile.TextBytes(65536, 3), stored, out var written);
        stored[written / 2] ^= 0xFF;
        stored[4] ^= 0xFF;
        var result = decompressor.TryDecode(stored.AsSpan(0, written), BlockCompression.Zstd, new byte[65536]);
        Assert.NotEqual(65536, result);
    }
}
