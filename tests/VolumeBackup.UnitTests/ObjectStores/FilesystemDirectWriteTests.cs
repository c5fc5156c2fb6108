using System.Buffers;
using VolumeBackup.DataPath.Buffers;
using VolumeBackup.ObjectStores.Filesystem;
using VolumeBackup.Platform;

namespace VolumeBackup.UnitTests.ObjectStores;

/// <summary>
/// Large aligned objects (packs) skip the page cache in the filesystem store: the aligned bulk goes direct, the tail through
/// the cache. Whatever path a write takes, the object reads back byte for byte.
/// </summary>
public sealed class FilesystemDirectWriteTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("vb-direct-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData(1 << 20, 0)] // aligned length: all direct
    [InlineData((1 << 20) + 777, 0)] // aligned start, unaligned tail
    [InlineData((1 << 20) + 777, 3)] // unaligned start: all through the page cache
    [InlineData(4096, 0)] // small object: through the page cache
    public async Task An_object_reads_back_byte_exact_whichever_way_it_was_written(int length, int misalignment)
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new FilesystemObjectStoreProvider(_root).Open("tenant-a", "c");
        await store.EnsureContainerAsync(ct);
        var buffer = new AlignedBuffer(length + misalignment, DirectIo.Alignment);
        Random.Shared.NextBytes(buffer.Span);
        var data = buffer.Memory.Slice(misalignment, length);

        await store.PutAsync("packs/ab/object", data, null, ct);

        var back = new ArrayBufferWriter<byte>(length);
        await store.GetAsync("packs/ab/object", back, ct);
        Assert.True(back.WrittenSpan.SequenceEqual(data.Span));
    }
}
