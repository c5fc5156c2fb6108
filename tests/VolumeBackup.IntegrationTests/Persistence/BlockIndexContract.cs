using Microsoft.Extensions.Time.Testing;
using VolumeBackup.DataPath.Blocks;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Packs;
using VolumeBackup.Persistence.BlockIndex;
using VolumeBackup.Testing.Databases;

namespace VolumeBackup.IntegrationTests.Persistence;

/// <summary>What a container's block index in the database must do on every database.</summary>
public abstract class BlockIndexContract
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));

    protected abstract Task<TestDatabase> GetDatabaseAsync();

    [Fact]
    public async Task A_lookup_finds_the_blocks_of_an_added_pack_and_nothing_for_absent_ones()
    {
        var ct = TestContext.Current.CancellationToken;
        var index = await OpenAsync("t1", "c1");
        var pack = Hash(1000);
        var entries = Entries(0, 3);
        await index.AddPackAsync(pack, entries, ct);

        var found = await LookupAsync(index, [Hash(0), Hash(99), Hash(2)]);

        Assert.Equal(new BlockLocation(pack, entries[0].Offset, entries[0].StoredLength, entries[0].Compression), found[0]);
        Assert.Null(found[1]);
        Assert.Equal(new BlockLocation(pack, entries[2].Offset, entries[2].StoredLength, BlockCompression.None), found[2]);
    }

    [Fact]
    public async Task Adding_a_pack_again_or_another_pack_with_the_same_blocks_keeps_the_first_location()
    {
        var ct = TestContext.Current.CancellationToken;
        var index = await OpenAsync("t1", "c1");
        await index.AddPackAsync(Hash(1000), Entries(0, 4), ct);

        await index.AddPackAsync(Hash(1000), Entries(0, 4), ct);
        await index.AddPackAsync(Hash(1001), Entries(2, 4), ct);

        var found = await LookupAsync(index, [Hash(0), Hash(3), Hash(5)]);
        Assert.Equal(Hash(1000), found[0]!.Value.Pack);
        Assert.Equal(Hash(1000), found[1]!.Value.Pack);
        Assert.Equal(Hash(1001), found[2]!.Value.Pack);
    }

    [Fact]
    public async Task Concurrent_adds_of_the_same_pack_all_succeed_and_index_each_block_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await ReadyAsync();
        var entries = Entries(0, 600); // more than one INSERT batch

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(
            async () => await Open(database, "t1", "c1").AddPackAsync(Hash(5000), entries, ct), ct)));

        await using var db = database.CreateContext();
        Assert.Equal(600, db.BlockIndexEntries.Count(e => e.TenantId == "t1" && e.Container == "c1"));
        var found = await LookupAsync(Open(database, "t1", "c1"), [Hash(0), Hash(599)]);
        Assert.All(found, f => Assert.Equal(Hash(5000), f!.Value.Pack));
    }

    [Fact]
    public async Task Removing_packs_forgets_their_blocks_only()
    {
        var ct = TestContext.Current.CancellationToken;
        var index = await OpenAsync("t1", "c1");
        await index.AddPackAsync(Hash(1000), Entries(0, 2), ct);
        await index.AddPackAsync(Hash(1001), Entries(2, 2), ct);
        await index.AddPackAsync(Hash(1002), Entries(4, 2), ct);

        await index.RemovePacksAsync([Hash(1000), Hash(1002), Hash(1003)], ct);
        await index.RemovePacksAsync([Hash(1000)], ct);

        var found = await LookupAsync(index, [Hash(0), Hash(2), Hash(3), Hash(5)]);
        Assert.Equal([null, Hash(1001), Hash(1001), null], found.Select(f => f?.Pack));
    }

    [Fact]
    public async Task A_block_of_one_container_is_not_found_from_another_container_or_another_tenant()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await ReadyAsync();
        await Open(database, "tenant-a", "shared").AddPackAsync(Hash(1000), Entries(0, 2), ct);
        await Open(database, "tenant-a", "shared").MarkCompleteAsync(ct);

        Assert.Null((await LookupAsync(Open(database, "tenant-b", "shared"), [Hash(0)]))[0]);
        Assert.Null((await LookupAsync(Open(database, "tenant-a", "other"), [Hash(0)]))[0]);
        Assert.NotNull((await LookupAsync(Open(database, "tenant-a", "shared"), [Hash(0)]))[0]);
        Assert.False(await Open(database, "tenant-b", "shared").IsCompleteAsync(ct));

        await Open(database, "tenant-b", "shared").RemovePacksAsync([Hash(1000)], ct);
        Assert.NotNull((await LookupAsync(Open(database, "tenant-a", "shared"), [Hash(0)]))[0]);
    }

    [Fact]
    public async Task The_complete_mark_is_per_container_idempotent_and_goes_with_a_reset()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await ReadyAsync();
        var index = Open(database, "t1", "c1");
        Assert.False(await index.IsCompleteAsync(ct));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () => await Open(database, "t1", "c1").MarkCompleteAsync(ct), ct)));
        await index.MarkCompleteAsync(ct);

        Assert.True(await index.IsCompleteAsync(ct));
        Assert.False(await Open(database, "t1", "c2").IsCompleteAsync(ct));
        await index.AddPackAsync(Hash(1000), Entries(0, 2), ct);
        await index.ResetAsync(ct);
        Assert.False(await index.IsCompleteAsync(ct));
        Assert.Null((await LookupAsync(index, [Hash(0)]))[0]);
    }

    private async Task<TestDatabase> ReadyAsync()
    {
        var database = await GetDatabaseAsync();
        await database.ResetAsync();
        return database;
    }

    private async Task<DatabaseBlockIndex> OpenAsync(string tenant, string container) => Open(await ReadyAsync(), tenant, container);

    private DatabaseBlockIndex Open(TestDatabase database, string tenant, string container) =>
        new(database.ContextFactory, tenant, container, _time);

    private static async Task<BlockLocation?[]> LookupAsync(DatabaseBlockIndex index, Hash256[] hashes)
    {
        var found = new BlockLocation?[hashes.Length];
        await index.LookupAsync(hashes, found, TestContext.Current.CancellationToken);
        return found;
    }

    private static Hash256 Hash(int n) => Hash256.Compute(BitConverter.GetBytes(n));

    /// <summary>Blocks first..first+count-1, 1000 bytes apart; odd ones zstd, even ones raw.</summary>
    private static PackIndexEntry[] Entries(int first, int count) =>
        [.. Enumerable.Range(first, count).Select(n => new PackIndexEntry(
            Hash(n), (uint)(8 + (n - first) * 1000), (uint)(900 + n), 65536, n % 2 == 1 ? BlockCompression.Zstd : BlockCompression.None))];
}
