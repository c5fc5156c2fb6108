using VolumeBackup.DataPath.Blocks;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.DataPath.Packs;
using VolumeBackup.ObjectStores.Filesystem;

namespace VolumeBackup.UnitTests.DataPath;

public sealed class PackAndSegmentFormatTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vb-packs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_sealed_pack_describes_its_blocks_in_its_own_index()
    {
        var ct = TestContext.Current.CancellationToken;
        var writer = new PackWriter();
        var id = PackFormat.IdOf("b1", 0);
        writer.Start(id, new byte[PackWriter.BufferSizeFor(1 << 20, 65536)]);
        var a = writer.Append(Hash256.Compute("a"u8), "aaaa"u8, 4, BlockCompression.None);
        var b = writer.Append(Hash256.Compute("b"u8), "bb"u8, 100, BlockCompression.Zstd);
        var length = writer.Seal();
        var store = new FilesystemObjectStore(_dir, "c");
        await store.EnsureContainerAsync(ct);
        await store.PutAsync(PackFormat.KeyOf(id), writer.Buffer[..length], null, ct);

        var entries = await PackIndexReader.TryReadAsync(store, id, ct);

        Assert.NotNull(entries);
        Assert.Equal(2, entries.Count);
        Assert.Equal(new PackIndexEntry(Hash256.Compute("a"u8), a.Offset, 4, 4, BlockCompression.None), entries[0]);
        Assert.Equal(new PackIndexEntry(Hash256.Compute("b"u8), b.Offset, 2, 100, BlockCompression.Zstd), entries[1]);
        Assert.Equal(PackFormat.HeaderSize, (int)a.Offset);
        Assert.Null(await PackIndexReader.TryReadAsync(store, PackFormat.IdOf("b1", 1), ct));
    }

    [Fact]
    public void A_segment_decodes_to_the_entries_it_was_encoded_from()
    {
        var p1 = Hash256.Compute("p1"u8);
        var p2 = Hash256.Compute("p2"u8);
        SegmentEntry[] entries =
        [
            new(0, Hash256.Compute("x"u8), new BlockLocation(p1, 8, 100, BlockCompression.Zstd)),
            new(5, Hash256.Compute("y"u8), new BlockLocation(p2, 8, 65536, BlockCompression.None)),
            new(15, Hash256.Compute("z"u8), new BlockLocation(p1, 108, 7, BlockCompression.Zstd)),
        ];

        var bytes = SegmentCodec.Encode(entries);
        var segment = SegmentCodec.Decode(bytes, 16);

        Assert.Equal(SegmentCodec.HeaderSize + 2 * 32 + 3 * SegmentCodec.EntrySize, bytes.Length);
        Assert.Equal(entries, segment.Entries);
        Assert.True(segment.TryFind(5, out var found));
        Assert.Equal(entries[1], found);
        Assert.False(segment.TryFind(6, out _));
        Assert.Throws<FormatException>(() => SegmentCodec.Decode(bytes, 8));
        Assert.Throws<FormatException>(() => SegmentCodec.Decode(bytes.AsSpan(0, bytes.Length - 1), 16));
    }
}
