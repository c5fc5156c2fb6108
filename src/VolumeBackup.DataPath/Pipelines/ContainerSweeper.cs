using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// Mark and sweep over the container: every root marks its segments, every segment its packs; packs and segments no root
/// marks are deleted. Runs only under a prune lock taken while no backup holds a live lock, so nothing a running backup
/// may be about to refer to is deleted. Any unreadable root or segment stops the sweep before it deletes anything.
/// </summary>
internal sealed class ContainerSweeper(DataPathOptions options, TimeProvider time)
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
                store, ManifestKeys.SegmentsPrefix, key => marked.Segments.Contains(NameOf(key)), lease, ct);
            var (packs, packBytes) = await DeleteUnmarkedAsync(
                store, "packs/", key => Hash256.TryParse(NameOf(key), out var id) && marked.Packs.Contains(id), lease, ct);
            foreach (var key in staleLocks)
            {
                await store.DeleteAsync(key, ct);
            }

            return new SweepResult(null, packs, segments, segmentBytes + packBytes);
        }
        finally
        {
            await lease.ReleaseAsync(CancellationToken.None);
        }
    }

    private static async Task<(HashSet<string> Segments, HashSet<Hash256> Packs, string? Reason)> MarkAsync(
        IObjectStore store, LockLease lease, CancellationToken ct)
    {
        var segments = new HashSet<string>(StringComparer.Ordinal);
        var packs = new HashSet<Hash256>();
        await foreach (var info in store.ListAsync(ManifestKeys.BackupsPrefix, ct))
        {
            if (!info.Key.EndsWith("/" + ManifestKeys.RootName, StringComparison.Ordinal))
            {
                continue;
            }

            var backupId = info.Key[ManifestKeys.BackupsPrefix.Length..^(ManifestKeys.RootName.Length + 1)];
            try
            {
                var root = await ManifestReader.ReadRootAsync(store, backupId, ct);
                foreach (var segment in root.Segments)
                {
                    if (segments.Add(segment.Hash))
                    {
                        var decoded = await ManifestReader.ReadSegmentAsync(store, Hash256.Parse(segment.Hash), root.SegmentBlocks, backupId, ct);
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

    private static async Task<(int Count, long Bytes)> DeleteUnmarkedAsync(
        IObjectStore store, string prefix, Func<string, bool> isMarked, LockLease lease, CancellationToken ct)
    {
        var garbage = new List<ObjectInfo>();
        await foreach (var info in store.ListAsync(prefix, ct))
        {
            if (!isMarked(info.Key))
            {
                garbage.Add(info);
            }
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
