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
    private const int ListBatch = 64;
    private const string PacksPrefix = "packs/";

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
        ArgumentNullException.ThrowIfNull(index);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        var indexed = 0;
        var damaged = 0;
        var batch = new List<Hash256>(ListBatch);
        await foreach (var info in store.ListAsync(PacksPrefix, ct))
        {
            if (Hash256.TryParse(info.Key[(info.Key.LastIndexOf('/') + 1)..], out var id))
            {
                batch.Add(id);
            }

            if (batch.Count == ListBatch)
            {
                await IndexBatchAsync(batch);
            }
        }

        await IndexBatchAsync(batch);
        return new BlockIndexRebuildResult(indexed, damaged);

        async Task IndexBatchAsync(List<Hash256> packs)
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct };
            await Parallel.ForEachAsync(packs, parallel, async (pack, token) =>
            {
                IReadOnlyList<PackIndexEntry>? entries;
                try
                {
                    entries = await PackIndexReader.TryReadAsync(store, pack, token);
                }
                catch (DataPathException)
                {
                    Interlocked.Increment(ref damaged);
                    return;
                }

                if (entries is not null)
                {
                    await index.AddPackAsync(pack, entries, token);
                    Interlocked.Increment(ref indexed);
                }
            });
            packs.Clear();
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
    /// tries again. Runs under the backup's lock, which keeps every sweep away, so no pack the rebuild lists is deleted
    /// before the backup ends.
    /// </summary>
    internal static async Task<IBlockIndex?> PrepareAsync(
        IObjectStore store, IBlockIndex? index, ExistingPacks existingPacks, DataPathOptions options, LockLease lease, CancellationToken ct)
    {
        if (index is null)
        {
            return null;
        }

        if (!await index.IsCompleteAsync(ct))
        {
            try
            {
                await RunAsync(store, index, options.UploadConcurrency, lease.RefreshIfDueAsync, ct);
            }
            catch (ObjectStoreException)
            {
                return null;
            }

            await index.MarkCompleteAsync(ct);
        }

        return new PackCheckingBlockIndex(store, index, existingPacks);
    }
}
