using VolumeBackup.DataPath.Blocks;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Packs;
using VolumeBackup.DataPath.Pipelines;

namespace VolumeBackup.UnitTests.DataPath;

public sealed class PackCheckingBlockIndexTests : IDisposable
{
    private readonly DataPathFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task A_lookup_cancelled_during_a_shared_pack_check_does_not_cancel_the_other_lookups_waiting_on_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await _fx.Store.EnsureContainerAsync(ct);
        var pack = Hash256.Compute("a pack the container no longer holds"u8);
        var block = Hash256.Compute("a block of it"u8);
        var inner = new InMemoryBlockIndex();
        await inner.AddPackAsync(pack, [new PackIndexEntry(block, 0, 10, 10, BlockCompression.None)], ct);
        var store = new HeldInfoObjectStore(_fx.Store);
        var index = new PackCheckingBlockIndex(store, inner, await ExistingPacks.ListAsync(store, ct), ct);

        using var firstCaller = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var first = LookupAsync(index, block, firstCaller.Token);
        await store.InfoStarted.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
        var second = LookupAsync(index, block, ct);
        await firstCaller.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        store.Release.SetResult();

        var answer = await second.WaitAsync(TimeSpan.FromSeconds(10), ct);

        Assert.Equal(pack, answer?.Pack); // answers pass through unchanged; the worker decides what to reuse
        Assert.Equal(1, store.InfoCalls); // one check, shared
        Assert.Empty(inner.Packs); // it found the pack gone, so the index forgot its rows
    }

    private static async Task<BlockLocation?> LookupAsync(PackCheckingBlockIndex index, Hash256 block, CancellationToken ct)
    {
        var found = new BlockLocation?[1];
        await index.LookupAsync(new[] { block }, found, ct);
        return found[0];
    }
}
