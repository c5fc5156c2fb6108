using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.DataPath.Packs;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// Mark and sweep over the container: every root marks its segments, every segment its packs; packs and segments no root
/// marks are deleted. Between marking and deleting, <see cref="PackCompactor"/> moves the live blocks of mostly-dead packs
/// into new packs and points segments and roots at them. Runs only under a prune lock taken while no backup, restore or
/// delete holds a live lock (see <see cref="ContainerLocks"/> for why that suffices, and for the second look at the locks
/// before the replaced objects go). Any unreadable root or segment stops the sweep before it deletes anything.
/// </summary>
internal sealed class ContainerSweeper(
    DataPathOptions options, TimeProvider time, IBlockIndex? index, ILockOwner? owner = null, IContainerLockStore? lockStore = null)
{
    /// <summary>
    /// Keys per bulk delete: 1000 is one Swift bulk-delete request (which takes up to 10,000) that still ends in seconds,
    /// so the lock is confirmed between batches often enough.
    /// </summary>
    internal const int DeleteBatchSize = 1000;

    public async Task<SweepResult> SweepAsync(IObjectStore store, CancellationToken ct)
    {
        var locks = new ContainerLocks(lockStore ?? new Locks.ObjectStoreLockStore(store), time, options, owner);
        var (lease, staleLocks) = await locks.TryAcquireForPruneAsync(ct);
        if (lease is null)
        {
            return new SweepResult("a backup, restore, delete or another sweep is running in this container", 0, 0, 0);
        }

        try
        {
            var mark = await ContainerMark.ReadAsync(store, lease, ct);
            if (mark.UnreadableReason is not null)
            {
                return new SweepResult(mark.UnreadableReason, 0, 0, 0);
            }

            var packSizes = new Dictionary<Hash256, long>();
            await foreach (var info in store.ListAsync(PackFormat.Prefix, ct))
            {
                if (PackFormat.TryParseKey(info.Key, out var id))
                {
                    packSizes[id] = info.Size;
                }
            }

            var compaction = await new PackCompactor(options, index).RunAsync(store, mark, packSizes, lease, ct);
            var liveSegments = mark.Segments.Keys.ToHashSet();
            var livePacks = mark.Packs.Keys.ToHashSet();
            var keptReplaced = false;
            if (compaction.RootsRewritten)
            {
                liveSegments.UnionWith(compaction.ReplacedSegments.Values);
                livePacks.UnionWith(compaction.NewPacks);

                // The second look (ContainerLocks): a restore that started since the first one may have read a root
                // before its rewrite, so what the rewrite replaced stays until a sweep finds no such restore.
                keptReplaced = await locks.AnyOtherLiveAsync(lease, ct);
                if (!keptReplaced)
                {
                    liveSegments.ExceptWith(compaction.ReplacedSegments.Keys);
                    livePacks.ExceptWith(compaction.CompactedPacks);
                }
            }

            var (segments, segmentBytes) = await DeleteUnmarkedAsync(
                store, ManifestKeys.SegmentsPrefix, key => Hash256.TryParse(NameOf(key), out var h) && liveSegments.Contains(h), lease, ct);
            var (packs, packBytes) = await DeleteUnmarkedAsync(
                store, PackFormat.Prefix, key => PackFormat.TryParseKey(key, out var id) && livePacks.Contains(id), lease, ct, ForgetPacksAsync);
            await locks.RemoveStaleAsync(staleLocks, ct);

            return new SweepResult(null, packs, segments, segmentBytes + packBytes - compaction.WrittenBytes)
            {
                CompactedPacks = compaction.RootsRewritten ? compaction.CompactedPacks.Count : 0,
                CopiedBytes = compaction.CopiedBytes,
                WrittenPacks = compaction.NewPacks.Count,
                CompactionPacksLeft = compaction.PacksLeft,
                DamagedPacks = compaction.Damaged,
                ReplacedObjectsKept = keptReplaced,
            };
        }
        finally
        {
            await lease.TryReleaseAsync();
        }
    }

    private async Task ForgetPacksAsync(List<ObjectInfo> packs, CancellationToken ct)
    {
        if (index is not null && packs.Count > 0)
        {
            var ids = packs.Select(p => PackFormat.TryParseKey(p.Key, out var id) ? id : default).Where(id => id != default).ToList();
            await index.RemovePacksAsync(ids, ct);
        }
    }

    private static async Task<(int Count, long Bytes)> DeleteUnmarkedAsync(
        IObjectStore store, string prefix, Func<string, bool> isMarked, LockLease lease, CancellationToken ct,
        Func<List<ObjectInfo>, CancellationToken, Task>? beforeDelete = null)
    {
        var garbage = new List<ObjectInfo>();
        await foreach (var info in store.ListAsync(prefix, ct))
        {
            if (!isMarked(info.Key))
            {
                garbage.Add(info);
            }
        }

        if (beforeDelete is not null)
        {
            await beforeDelete(garbage, ct);
        }

        foreach (var batch in garbage.Chunk(DeleteBatchSize))
        {
            await lease.ConfirmAsync(ct);
            await store.DeleteManyAsync([.. batch.Select(g => g.Key)], ct);
        }

        return (garbage.Count, garbage.Sum(g => g.Size));
    }

    private static string NameOf(string key) => key[(key.LastIndexOf('/') + 1)..];
}
