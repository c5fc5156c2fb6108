using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// Mark and sweep over the container: every root marks its segments, every segment its packs; packs and segments no root
/// marks are deleted. Runs only under a prune lock taken while no backup holds a live lock, so nothing a running backup
/// may be about to refer to is deleted. Any unreadable root or segment stops the sweep before it deletes anything.
/// </summary>
internal sealed class ContainerSweeper(DataPathOptions options, TimeProvider time, IBlockIndex? index)
{
    public async Task<SweepResult> SweepAsync(IObjectStore store, CancellationToken ct)
    {
        var locks = new ContainerLocks(store, time, options);
        var (lease, staleLocks) = await locks.TryAcquireForPruneAsync(ct);
        if (lease is null)
        {
            return new SweepResult("a backup or another sweep is running in this container", 0, 0, 0);
        }

        try
        {
            var marked = await MarkAsync(store, lease, ct);
            if (marked.Reason is not null)
            {
                return new SweepResult(marked.Reason, 0, 0, 0);
            }

            var (segments, segmentBytes) = await DeleteUnmarkedAsync(
                store, ManifestKeys.SegmentsPrefix, key => Hash256.TryParse(NameOf(key), out var h) && marked.Segments.Contains(h), lease, ct);
            var (packs, packBytes) = await DeleteUnmarkedAsync(
                store, "packs/", key => Hash256.TryParse(NameOf(key), out var id) && marked.Packs.Contains(id), lease, ct, ForgetPacksAsync);
            foreach (var key in staleLocks)
            {
                await store.DeleteAsync(key, ct);
            }

            return new SweepResult(null, packs, segments, segmentBytes + packBytes);
        }
        finally
        {
            await lease.TryReleaseAsync();
        }
    }

    private static async Task<(HashSet<Hash256> Segments, HashSet<Hash256> Packs, string? Reason)> MarkAsync(
        IObjectStore store, LockLease lease, CancellationToken ct)
    {
        var segments = new HashSet<Hash256>();
        var packs = new HashSet<Hash256>();
        await foreach (var info in store.ListAsync(ManifestKeys.BackupsPrefix, ct))
        {
            if (!ManifestKeys.TryGetBackupId(info.Key, out var backupId))
            {
                continue; // not a root: never a reason to keep or delete anything
            }

            try
            {
                var root = await ManifestReader.ReadRootAsync(store, backupId, ct);
                foreach (var segment in root.Segments)
                {
                    var hash = Hash256.Parse(segment.Hash);
                    if (segments.Add(hash))
                    {
                        var decoded = await ManifestReader.ReadSegmentAsync(store, hash, root.SegmentBlocks, backupId, ct);
                        foreach (var entry in decoded.Entries)
                        {
                            packs.Add(entry.Location.Pack);
                        }
                    }
                }
            }
            catch (DataPathException e)
            {
                return (segments, packs, $"nothing was deleted because a backup could not be read: {e.Message}");
            }

            await lease.RefreshIfDueAsync(ct);
        }

        return (segments, packs, null);
    }

    private async Task ForgetPacksAsync(List<ObjectInfo> packs, CancellationToken ct)
    {
        if (index is not null && packs.Count > 0)
        {
            var ids = packs.Select(p => Hash256.TryParse(NameOf(p.Key), out var id) ? id : default).Where(id => id != default).ToList();
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

        foreach (var info in garbage)
        {
            await store.DeleteAsync(info.Key, ct);
            await lease.RefreshIfDueAsync(ct);
        }

        return (garbage.Count, garbage.Sum(g => g.Size));
    }

    private static string NameOf(string key) => key[(key.LastIndexOf('/') + 1)..];
}
