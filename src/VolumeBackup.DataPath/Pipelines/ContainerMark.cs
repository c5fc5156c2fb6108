using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// The mark phase of a sweep: every root, every segment those roots list (with its span size), and for every pack those
/// segments point into, its live blocks. Memory grows with the distinct live blocks (about 40 bytes each: 2.5 GiB of
/// heap per 4 TiB of distinct live data at 64 KiB blocks) plus one root at a time for each backup.
/// </summary>
internal sealed class ContainerMark
{
    public List<BackupManifest> Roots { get; } = [];

    /// <summary>Segment hash -> blocks per span of the root that listed it first.</summary>
    public Dictionary<Hash256, int> Segments { get; } = [];

    public Dictionary<Hash256, PackLiveness> Packs { get; } = [];

    /// <summary>Largest block size of any root: sizes the buffers compaction copies blocks through.</summary>
    public int MaxBlockSize { get; private set; }

    /// <summary>Set when a root or segment could not be read: then nothing may be deleted.</summary>
    public string? UnreadableReason { get; private set; }

    public static async Task<ContainerMark> ReadAsync(IObjectStore store, LockLease lease, CancellationToken ct)
    {
        var mark = new ContainerMark();
        await foreach (var info in store.ListAsync(ManifestKeys.BackupsPrefix, ct))
        {
            if (!ManifestKeys.TryGetBackupId(info.Key, out var backupId))
            {
                continue; // not a root: never a reason to keep or delete anything
            }

            try
            {
                var root = await ManifestReader.TryReadRootAsync(store, backupId, ct);
                if (root is null)
                {
                    continue; // deleted since the listing (by a delete that took its lock before this sweep)
                }

                mark.Roots.Add(root);
                mark.MaxBlockSize = Math.Max(mark.MaxBlockSize, root.BlockSize);
                foreach (var segment in root.Segments)
                {
                    var hash = Hash256.Parse(segment.Hash);
                    if (mark.Segments.TryAdd(hash, root.SegmentBlocks))
                    {
                        var decoded = await ManifestReader.ReadSegmentAsync(store, hash, root.SegmentBlocks, backupId, ct);
                        mark.AddSegment(hash, decoded);
                    }
                }
            }
            catch (DataPathException e)
            {
                mark.UnreadableReason = $"nothing was deleted because a backup could not be read: {e.Message}";
                return mark;
            }

            await lease.RefreshIfDueAsync(ct);
        }

        return mark;
    }

    private void AddSegment(Hash256 hash, Segment segment)
    {
        PackLiveness? last = null;
        var lastPack = default(Hash256);
        foreach (var entry in segment.Entries)
        {
            var pack = entry.Location.Pack;
            if (last is null || pack != lastPack)
            {
                if (!Packs.TryGetValue(pack, out last))
                {
                    last = new PackLiveness();
                    Packs.Add(pack, last);
                }

                lastPack = pack;
                if (last.Segments.Count == 0 || last.Segments[^1] != hash)
                {
                    last.Segments.Add(hash);
                }
            }

            last.AddBlock(entry.Location.Offset, entry.Location.StoredLength);
        }
    }
}
