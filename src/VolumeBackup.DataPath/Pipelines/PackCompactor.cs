using System.Text.Json;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// Compaction, run by a sweep under its prune lock after marking: packs whose live part (live blocks with their index
/// entries, <see cref="PackLiveness.Footprint"/>) is below <see cref="DataPathOptions.CompactionLiveFraction"/> of their
/// size have their live blocks copied into new packs, then
/// every segment that points into them is written anew (named by its new hash), then every root that lists such a
/// segment is rewritten in place. The sweep deletes the replaced packs and segments afterwards. In that order a crash at
/// any point leaves each root pointing either at the old objects (still there) or at new ones (already there), and
/// whatever nothing refers to any more is garbage for the next sweep.
/// </summary>
internal sealed class PackCompactor(DataPathOptions options, IBlockIndex? index)
{
    public async Task<CompactionOutcome> RunAsync(
        IObjectStore store, ContainerMark mark, IReadOnlyDictionary<Hash256, long> packSizes, LockLease lease, CancellationToken ct)
    {
        var outcome = new CompactionOutcome();
        if (options.CompactionLiveFraction <= 0 || options.CompactionMaxBytesPerSweep <= 0 || mark.MaxBlockSize == 0)
        {
            return outcome;
        }

        // Emptiest first: they free the most space per byte copied.
        var due = mark.Packs
            .Where(p => packSizes.TryGetValue(p.Key, out var size) && p.Value.Footprint < options.CompactionLiveFraction * size)
            .OrderBy(p => (double)p.Value.Footprint / packSizes[p.Key])
            .ThenBy(p => p.Key.ToString(), StringComparer.Ordinal)
            .ToList();
        if (due.Count == 0)
        {
            return outcome;
        }

        using var copier = new LiveBlockCopier(store, options, mark.MaxBlockSize);
        foreach (var (pack, live) in due)
        {
            if (copier.CopiedBytes > 0 && copier.CopiedBytes + live.LiveBytes > options.CompactionMaxBytesPerSweep)
            {
                outcome.PacksLeft++;
                continue;
            }

            var problem = await copier.CopyAsync(pack, live, ct);
            if (problem is null)
            {
                outcome.CompactedPacks.Add(pack);
            }
            else
            {
                outcome.Damaged.Add(problem);
            }

            await lease.RefreshIfDueAsync(ct);
        }

        await copier.FlushAsync(ct);
        outcome.NewPacks.AddRange(copier.NewPacks.Select(p => p.Id));
        await UpdateIndexAsync(outcome.CompactedPacks, copier.NewPacks, ct);
        outcome.WrittenBytes = copier.NewPackBytes;
        outcome.CopiedBytes = copier.CopiedBytes;
        if (outcome.CompactedPacks.Count == 0)
        {
            return outcome;
        }

        try
        {
            await RewriteSegmentsAsync(store, mark, outcome, copier.Moved, lease, ct);
        }
        catch (DataPathException e)
        {
            // No root was touched yet: the new packs and segments are garbage the sweep deletes right away.
            outcome.Damaged.Add($"Compaction stopped before rewriting any backup: {e.Message}");
            outcome.CompactedPacks.Clear();
            outcome.ReplacedSegments.Clear();
            return outcome;
        }

        await RewriteRootsAsync(store, mark, outcome, lease, ct);

        return outcome;
    }

    /// <summary>
    /// Points the block index at the copies: the old packs are forgotten first, so an index that keeps the first location
    /// it learns for a hash learns the new one. No backup runs meanwhile (prune lock); a crash in between costs dedup only,
    /// and new packs that end up unreferenced are forgotten again by the sweep that deletes them.
    /// </summary>
    private async Task UpdateIndexAsync(
        List<Hash256> compacted, List<(Hash256 Id, Packs.PackIndexEntry[] Entries)> newPacks, CancellationToken ct)
    {
        if (index is null || newPacks.Count == 0)
        {
            return;
        }

        await index.RemovePacksAsync(compacted, ct);
        foreach (var (id, entries) in newPacks)
        {
            await index.AddPackAsync(id, entries, ct);
        }
    }

    private static async Task RewriteSegmentsAsync(
        IObjectStore store, ContainerMark mark, CompactionOutcome outcome,
        Dictionary<(Hash256 Pack, uint Offset), Blocks.BlockLocation> moved, LockLease lease, CancellationToken ct)
    {
        var compacted = outcome.CompactedPacks.ToHashSet();
        var segments = outcome.CompactedPacks.SelectMany(p => mark.Packs[p].Segments).Distinct();
        foreach (var hash in segments)
        {
            var segment = await ManifestReader.ReadSegmentAsync(store, hash, mark.Segments[hash], "being compacted", ct);
            var entries = new SegmentEntry[segment.Entries.Length];
            for (var i = 0; i < entries.Length; i++)
            {
                var e = segment.Entries[i];
                if (compacted.Contains(e.Location.Pack))
                {
                    // Every live block of a compacted pack was copied: the mark phase read these very segments.
                    e = e with { Location = moved[(e.Location.Pack, e.Location.Offset)] };
                }

                entries[i] = e;
            }

            var bytes = SegmentCodec.Encode(entries);
            var newHash = Hash256.Compute(bytes);
            await store.PutAsync(ManifestKeys.SegmentOf(newHash), bytes, null, ct);
            outcome.WrittenBytes += bytes.Length;
            outcome.ReplacedSegments[hash] = newHash;
            await lease.RefreshIfDueAsync(ct);
        }
    }

    private static async Task RewriteRootsAsync(
        IObjectStore store, ContainerMark mark, CompactionOutcome outcome, LockLease lease, CancellationToken ct)
    {
        foreach (var root in mark.Roots)
        {
            if (!root.Segments.Any(s => outcome.ReplacedSegments.ContainsKey(Hash256.Parse(s.Hash))))
            {
                continue;
            }

            var rewritten = root with
            {
                Segments = [.. root.Segments.Select(s =>
                    outcome.ReplacedSegments.TryGetValue(Hash256.Parse(s.Hash), out var replacement)
                        ? s with { Hash = replacement.ToString() }
                        : s)],
            };
            var bytes = JsonSerializer.SerializeToUtf8Bytes(rewritten, ManifestJsonContext.Default.BackupManifest);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["backup-id"] = root.BackupId,
                ["volume-id"] = root.VolumeId,
            };

            // A root is rewritten only by a sweep whose prune lock is fresh: a delete of this root waits for that lock
            // (ContainerLocks), so the PUT below cannot bring back a root deleted since the mark phase read it.
            await lease.RefreshIfDueAsync(ct);
            await store.PutAsync(ManifestKeys.RootOf(root.BackupId), bytes, metadata, ct);
            outcome.WrittenBytes += bytes.Length - JsonSerializer.SerializeToUtf8Bytes(root, ManifestJsonContext.Default.BackupManifest).Length;
        }

        outcome.RootsRewritten = true;
    }
}
