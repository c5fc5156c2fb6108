using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Packs;
using VolumeBackup.DataPath.Pipelines;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.DataPath;

/// <summary>
/// Builds a container's <see cref="IBlockIndex"/> from the container alone: every pack carries its own index
/// (<see cref="PackIndexReader"/>, two ranged reads per pack), so a lost, new or restored database loses no dedup for good.
/// </summary>
public static class BlockIndexRebuild
{
    private const int Batch = 64;

    /// <summary>
    /// Adds the blocks of every pack in <paramref name="store"/> to <paramref name="index"/> (reading up to
    /// <paramref name="concurrency"/> pack indexes at once). A damaged pack is left out: its blocks are simply not deduped
    /// against. The caller must keep sweeps from deleting packs meanwhile (a backup lock does) and marks the index complete
    /// afterwards. <paramref name="keepAlive"/> runs between batches (a lock refresh). Store errors propagate.
    /// </summary>
    public static async Task<BlockIndexRebuildResult> RunAsync(
        IObjectStore store, IBlockIndex index, int concurrency, Func<CancellationToken, Task>? keepAlive, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var packs = await ExistingPacks.ListAsync(store, ct);
        var counts = new RebuildCounts();
        await IndexPacksAsync(store, index, packs.Ids, concurrency, keepAlive, counts, ct);
        return new BlockIndexRebuildResult(counts.Indexed, counts.Damaged);
    }

    /// <summary>
    /// <see cref="RunAsync"/> over packs already listed. Each batch of pack indexes is read in parallel and recorded in one
    /// <see cref="IBlockIndex.AddPacksAsync"/> call: one database transaction per 64 packs, not one per pack.
    /// </summary>
    private static async Task IndexPacksAsync(
        IObjectStore store, IBlockIndex index, IReadOnlyCollection<Hash256> packs, int concurrency,
        Func<CancellationToken, Task>? keepAlive, RebuildCounts counts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct };
        foreach (var batch in packs.Chunk(Batch))
        {
            var read = new (Hash256 PackId, IReadOnlyList<PackIndexEntry>? Entries)[batch.Length];
            await Parallel.ForAsync(0, batch.Length, parallel, async (i, token) =>
            {
                try
                {
                    read[i] = (batch[i], await PackIndexReader.TryReadAsync(store, batch[i], token));
                }
                catch (DataPathException)
                {
                    Interlocked.Increment(ref counts.Damaged);
                }
            });
            var found = read.Where(r => r.Entries is not null).Select(r => (r.PackId, r.Entries!)).ToList();
            if (found.Count > 0)
            {
                await index.AddPacksAsync(found, ct);
                counts.Indexed += found.Count;
            }

            if (keepAlive is not null)
            {
                await keepAlive(ct);
            }
        }
    }

    /// <summary>
    /// The index a backup may look blocks up in: <paramref name="index"/> when it is complete, or once a rebuild made it
    /// so, seen through <see cref="PackCheckingBlockIndex"/>; null (dedup against the previous backup and the run only)
    /// when there is none or the rebuild failed on a store error, in which case it stays incomplete and the next backup
    /// tries again. Rebuild is what a rebuild did (null when none ran), store error included, so that the caller reports
    /// it: a backup that silently loses its dedup is a surprise in the container's size. Runs under the backup's lock,
    /// which keeps every sweep away, so no pack the rebuild lists is deleted before the backup ends.
    /// </summary>
    internal static async Task<(IBlockIndex? Lookups, BlockIndexRebuildResult? Rebuild)> PrepareAsync(
        IObjectStore store, IBlockIndex? index, ExistingPacks existingPacks, DataPathOptions options, LockLease lease, CancellationToken ct)
    {
        if (index is null)
        {
            return (null, null);
        }

        BlockIndexRebuildResult? rebuild = null;
        if (!await index.IsCompleteAsync(ct))
        {
            var counts = new RebuildCounts();
            try
            {
                await IndexPacksAsync(store, index, existingPacks.Ids, options.UploadConcurrency, lease.RefreshIfDueAsync, counts, ct);
            }
            catch (ObjectStoreException e)
            {
                return (null, new BlockIndexRebuildResult(counts.Indexed, counts.Damaged, e));
            }

            await index.MarkCompleteAsync(ct);
            rebuild = new BlockIndexRebuildResult(counts.Indexed, counts.Damaged);
        }

        return (new PackCheckingBlockIndex(store, index, existingPacks, ct), rebuild);
    }

    /// <summary>Counts kept outside the rebuild, so that a rebuild stopped by a store error still tells what it did.</summary>
    private sealed class RebuildCounts
    {
        public int Indexed;
        public int Damaged;
    }
}
