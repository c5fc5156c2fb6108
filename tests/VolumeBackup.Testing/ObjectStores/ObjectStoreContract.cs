using System.Buffers;
using System.Text;
using VolumeBackup.ObjectStores;
using Xunit;

namespace VolumeBackup.Testing.ObjectStores;

/// <summary>
/// The behaviour every object-store driver must show. A driver's test class derives from this and says how to open a
/// store on a container that does not exist yet; every test here then runs against that driver.
/// </summary>
public abstract partial class ObjectStoreContract
{
    /// <summary>Listing page size the derived class configured (tests list more than this, to cross pages).</summary>
    protected virtual int ListPageSize => 10;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A store on a new, not yet created container. Skips or fails the test first when the service is missing.</summary>
    protected abstract Task<IObjectStore> OpenNewContainerAsync();

    private async Task<IObjectStore> CreatedStoreAsync()
    {
        var store = await OpenNewContainerAsync();
        await store.EnsureContainerAsync(Ct);
        return store;
    }

    protected static byte[] RandomBytes(int length)
    {
        var data = new byte[length];
        Random.Shared.NextBytes(data);
        return data;
    }

    protected static async Task<byte[]> GetBytesAsync(IObjectStore store, string key)
    {
        var buffer = new ArrayBufferWriter<byte>();
        await store.GetAsync(key, buffer, Ct);
        return buffer.WrittenSpan.ToArray();
    }

    private static async Task<byte[]> GetRangeBytesAsync(IObjectStore store, string key, long offset, int length)
    {
        var buffer = new ArrayBufferWriter<byte>();
        await store.GetRangeAsync(key, offset, length, buffer, Ct);
        return buffer.WrittenSpan.ToArray();
    }

    private static async Task<List<ObjectInfo>> ListAllAsync(IObjectStore store, string prefix)
    {
        var items = new List<ObjectInfo>();
        await foreach (var item in store.ListAsync(prefix, Ct))
        {
            items.Add(item);
        }

        return items;
    }

    [Fact]
    public async Task A_put_object_reads_back_byte_for_byte()
    {
        var store = await CreatedStoreAsync();
        var data = RandomBytes(3 * 1024 * 1024 + 17);

        await store.PutAsync("packs/ab/pack-1", data, null, Ct);

        Assert.Equal(data, await GetBytesAsync(store, "packs/ab/pack-1"));
    }

    [Fact]
    public async Task An_empty_object_can_be_stored_and_read()
    {
        var store = await CreatedStoreAsync();

        await store.PutAsync("empty", ReadOnlyMemory<byte>.Empty, null, Ct);

        Assert.Empty(await GetBytesAsync(store, "empty"));
        Assert.Equal(0, (await store.TryGetInfoAsync("empty", Ct))!.Size);
    }

    [Fact]
    public async Task A_range_read_returns_exactly_the_requested_bytes()
    {
        var store = await CreatedStoreAsync();
        var data = RandomBytes(100_000);
        await store.PutAsync("blob", data, null, Ct);

        Assert.Equal(data[..10], await GetRangeBytesAsync(store, "blob", 0, 10));
        Assert.Equal(data[12_345..(12_345 + 50_000)], await GetRangeBytesAsync(store, "blob", 12_345, 50_000));
        Assert.Equal(data[^1..], await GetRangeBytesAsync(store, "blob", data.Length - 1, 1));
        Assert.Equal(data, await GetRangeBytesAsync(store, "blob", 0, data.Length));
    }

    [Fact]
    public async Task A_range_past_the_end_is_a_permanent_error()
    {
        var store = await CreatedStoreAsync();
        await store.PutAsync("short", RandomBytes(100), null, Ct);

        var overlapping = await Assert.ThrowsAnyAsync<ObjectStoreException>(() => GetRangeBytesAsync(store, "short", 90, 20));
        var beyond = await Assert.ThrowsAnyAsync<ObjectStoreException>(() => GetRangeBytesAsync(store, "short", 200, 10));

        Assert.IsNotType<ObjectNotFoundException>(overlapping);
        Assert.False(overlapping.IsTransient);
        Assert.IsNotType<ObjectNotFoundException>(beyond);
        Assert.False(beyond.IsTransient);
    }

    [Fact]
    public async Task Info_gives_the_size_and_the_metadata_written_with_the_object()
    {
        var store = await CreatedStoreAsync();
        var metadata = new Dictionary<string, string>
        {
            ["backup-id"] = "2f1c0a9e-7d41-4f5b-9a51-3f0e8c2b6d10",
            ["volume-name"] = "Données clients 日本",
            ["format"] = "1",
        };
        var before = DateTimeOffset.UtcNow.AddMinutes(-5);

        await store.PutAsync("backups/b1/manifest.json", RandomBytes(1234), metadata, Ct);
        var info = await store.TryGetInfoAsync("backups/b1/manifest.json", Ct);

        Assert.NotNull(info);
        Assert.Equal("backups/b1/manifest.json", info.Key);
        Assert.Equal(1234, info.Size);
        Assert.InRange(info.LastModified, before, DateTimeOffset.UtcNow.AddMinutes(5));
        foreach (var (name, value) in metadata)
        {
            Assert.Equal(value, info.Metadata[name]);
        }

        Assert.Equal(metadata.Count, info.Metadata.Count);
    }

    [Fact]
    public async Task An_overwrite_replaces_the_bytes_and_the_metadata()
    {
        var store = await CreatedStoreAsync();
        await store.PutAsync("obj", RandomBytes(5000), new Dictionary<string, string> { ["old"] = "1" }, Ct);
        var second = RandomBytes(300);

        await store.PutAsync("obj", second, new Dictionary<string, string> { ["new"] = "2" }, Ct);

        Assert.Equal(second, await GetBytesAsync(store, "obj"));
        var info = await store.TryGetInfoAsync("obj", Ct);
        Assert.Equal(300, info!.Size);
        Assert.Equal("2", info.Metadata["new"]);
        Assert.False(info.Metadata.ContainsKey("old"));
    }

    [Fact]
    public async Task Keys_with_spaces_unicode_and_slashes_round_trip_in_listings()
    {
        var store = await CreatedStoreAsync();
        string[] keys = ["a dir/with space.bin", "ü/ñ/日本語", "plus+and%percent&amp", "x/y/z"];
        foreach (var key in keys)
        {
            await store.PutAsync(key, Encoding.UTF8.GetBytes(key), null, Ct);
        }

        var listed = (await ListAllAsync(store, string.Empty)).Select(i => i.Key).ToList();

        Assert.Equal(keys.Order(StringComparer.Ordinal), listed);
        foreach (var key in keys)
        {
            Assert.Equal(Encoding.UTF8.GetBytes(key), await GetBytesAsync(store, key));
        }
    }
}
