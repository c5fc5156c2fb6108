using System.Buffers;
using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Filesystem;
using VolumeBackup.Testing;

namespace VolumeBackup.IntegrationTests.ObjectStores;

/// <summary>
/// The filesystem store on a real small file system: a full disk and a read-only one come out as the store's own
/// classified errors (by errno), and a listing reads only the directory its prefix names.
/// </summary>
public sealed class FilesystemStoreErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_full_disk_is_a_full_store_and_leaves_no_temporary_file()
    {
        using var disk = new SmallFilesystem(4 << 20);
        var store = new FilesystemObjectStoreProvider(disk.Path).Open("tenant", "c");
        await store.EnsureContainerAsync(Ct);

        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => store.PutAsync("packs/big", new byte[8 << 20], null, Ct));

        Assert.Equal(ObjectStoreErrorKind.Full, error.Kind);
        Assert.False(error.IsTransient);
        Assert.Empty(Directory.GetFiles(Path.Combine(disk.Path, "tenant", "c", "packs")));
    }

    [Fact]
    public async Task A_read_only_disk_is_access_denied_not_a_raw_io_error()
    {
        using var disk = new SmallFilesystem(4 << 20);
        var store = new FilesystemObjectStoreProvider(disk.Path).Open("tenant", "c");
        await store.EnsureContainerAsync(Ct);
        await store.PutAsync("old", new byte[10], null, Ct);
        disk.MakeReadOnly();

        var put = await Assert.ThrowsAsync<ObjectStoreException>(() => store.PutAsync("new", new byte[10], null, Ct));
        var delete = await Assert.ThrowsAsync<ObjectStoreException>(() => store.DeleteAsync("old", Ct));

        Assert.Equal(ObjectStoreErrorKind.AccessDenied, put.Kind);
        Assert.Equal(ObjectStoreErrorKind.AccessDenied, delete.Kind);
        var read = new ArrayBufferWriter<byte>();
        await store.GetAsync("old", read, Ct);
        Assert.Equal(10, read.WrittenCount);
    }

    [Fact]
    public async Task Listing_a_prefix_reads_only_the_directory_it_names()
    {
        // strictatime: every directory read updates the directory's access time, so a read is observable afterwards.
        using var disk = new SmallFilesystem(16 << 20, strictAtime: true);
        var store = new FilesystemObjectStoreProvider(disk.Path).Open("tenant", "c");
        await store.EnsureContainerAsync(Ct);
        await store.PutAsync("packs/aa/p1", new byte[10], null, Ct);
        await store.PutAsync("locks/l1", new byte[1], null, Ct);
        await store.PutAsync("locks/l2", new byte[1], null, Ct);
        var packs = Path.Combine(disk.Path, "tenant", "c", "packs");
        var past = DateTime.UtcNow.AddDays(-1);
        Directory.SetLastAccessTimeUtc(packs, past);
        Directory.SetLastAccessTimeUtc(Path.Combine(packs, "aa"), past);

        var locks = await store.ListAsync("locks/", Ct).Select(o => o.Key).ToListAsync(Ct);
        var none = await store.ListAsync("nothing/here/", Ct).ToListAsync(Ct);

        Assert.Equal(["locks/l1", "locks/l2"], locks);
        Assert.Empty(none);
        Assert.Equal(past, Directory.GetLastAccessTimeUtc(packs));
        Assert.Equal(past, Directory.GetLastAccessTimeUtc(Path.Combine(packs, "aa")));
        Assert.Equal(["packs/aa/p1"], await store.ListAsync("packs/a", Ct).Select(o => o.Key).ToListAsync(Ct));
    }
}
