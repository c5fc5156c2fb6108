using VolumeBackup.ObjectStores;
using Xunit;

namespace VolumeBackup.Testing.ObjectStores;

/// <summary>Listing, deleting, missing objects, containers and concurrency.</summary>
public abstract partial class ObjectStoreContract
{
    [Fact]
    public async Task A_listing_by_prefix_returns_only_matching_keys_in_order_across_pages()
    {
        var store = await CreatedStoreAsync();
        var count = ListPageSize * 2 + 3;
        var keys = Enumerable.Range(0, count).Select(i => $"segments/{i * 7919 % 1000:D4}").Distinct().ToList();
        await Parallel.ForEachAsync(keys, Ct, async (key, t) => await store.PutAsync(key, RandomBytes(10), null, t));
        await store.PutAsync("segment", RandomBytes(1), null, Ct);
        await store.PutAsync("packs/00/p", RandomBytes(1), null, Ct);

        var listed = await ListAllAsync(store, "segments/");

        Assert.Equal(keys.Order(StringComparer.Ordinal), listed.Select(i => i.Key));
        Assert.All(listed, i => Assert.Equal(10, i.Size));
        Assert.Equal(keys.Count + 1, (await ListAllAsync(store, "segment")).Count);
        Assert.Equal(keys.Count + 2, (await ListAllAsync(store, string.Empty)).Count);
        Assert.Empty(await ListAllAsync(store, "nothing/"));
    }

    [Fact]
    public async Task Deleting_twice_succeeds_and_the_object_is_gone()
    {
        var store = await CreatedStoreAsync();
        await store.PutAsync("doomed", RandomBytes(10), null, Ct);

        await store.DeleteAsync("doomed", Ct);
        await store.DeleteAsync("doomed", Ct);

        Assert.Null(await store.TryGetInfoAsync("doomed", Ct));
        Assert.Empty(await ListAllAsync(store, "doomed"));
    }

    [Fact]
    public async Task Deleting_many_removes_them_all_and_ignores_missing_ones()
    {
        var store = await CreatedStoreAsync();
        var keys = Enumerable.Range(0, 25).Select(i => $"packs/{i:D2}/p").ToList();
        await Parallel.ForEachAsync(keys, Ct, async (key, t) => await store.PutAsync(key, RandomBytes(10), null, t));
        await store.PutAsync("keep", RandomBytes(1), null, Ct);

        await store.DeleteManyAsync([.. keys, "packs/missing"], Ct);
        await store.DeleteManyAsync(keys, Ct);

        Assert.Equal(["keep"], (await ListAllAsync(store, string.Empty)).Select(i => i.Key));
    }

    [Fact]
    public async Task A_missing_object_is_reported_as_not_found_by_every_read()
    {
        var store = await CreatedStoreAsync();

        await Assert.ThrowsAsync<ObjectNotFoundException>(() => GetBytesAsync(store, "missing"));
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => GetRangeBytesAsync(store, "missing", 0, 10));
        Assert.Null(await store.TryGetInfoAsync("missing", Ct));
    }

    [Fact]
    public async Task A_missing_container_is_created_once_and_starts_empty()
    {
        var store = await OpenNewContainerAsync();
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => store.PutAsync("early", RandomBytes(1), null, Ct));
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => ListAllAsync(store, string.Empty));

        await store.EnsureContainerAsync(Ct);
        await store.EnsureContainerAsync(Ct);

        Assert.Empty(await ListAllAsync(store, string.Empty));
        await store.PutAsync("late", RandomBytes(1), null, Ct);
        Assert.Single(await ListAllAsync(store, string.Empty));
    }

    [Fact]
    public async Task Concurrent_puts_of_many_objects_all_land_intact()
    {
        var store = await CreatedStoreAsync();
        var objects = Enumerable.Range(0, 32).ToDictionary(i => $"packs/{i:D2}/pack", i => RandomBytes(64 * 1024 + i));

        await Parallel.ForEachAsync(objects, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Ct },
            async (o, t) => await store.PutAsync(o.Key, o.Value, null, t));

        Assert.Equal(objects.Count, (await ListAllAsync(store, "packs/")).Count);
        foreach (var (key, data) in objects)
        {
            Assert.Equal(data, await GetBytesAsync(store, key));
        }
    }

    [Fact]
    public async Task Concurrent_overwrites_of_one_key_leave_one_whole_version()
    {
        var store = await CreatedStoreAsync();
        var versions = Enumerable.Range(0, 8).Select(i => RandomBytes(200_000 + i)).ToList();

        await Task.WhenAll(versions.Select(v => store.PutAsync("contended", v, null, Ct)));

        var stored = await GetBytesAsync(store, "contended");
        Assert.Contains(versions, v => v.AsSpan().SequenceEqual(stored));
    }
}
