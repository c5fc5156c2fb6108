using System.Collections.Concurrent;
using VolumeBackup.DataPath.Blocks;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Packs;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// What a backup looks blocks up in: the container's index, which forgets rows whose pack is gone as it meets them. The
/// index is kept in step by sweeps, but rows can outlive their packs when the database is restored from an older copy,
/// sweeps ran while the index was switched off, or a user deleted packs. A pack in the run's listing
/// (<see cref="ExistingPacks"/>) costs nothing; any other pack found is looked up once per run and, when missing, its rows
/// are removed from the index so that later backups do not meet them again. Answers pass through unchanged: the worker
/// reuses only packs of the listing and counts the others (<see cref="BackupResult.BlocksFromMissingPacks"/>).
/// </summary>
/// <param name="lifetime">Ends the shared pack checks: the backup run's token. A check is shared by every lookup that meets
/// the pack, so it must not run on the token of the lookup that happened to start it: that lookup being cancelled would
/// fail the others. Each lookup waits on its own token instead.</param>
internal sealed class PackCheckingBlockIndex(IObjectStore store, IBlockIndex inner, ExistingPacks existingPacks, CancellationToken lifetime)
    : IBlockIndex
{
    private readonly ConcurrentDictionary<Hash256, Task<bool>> _exists = new();
    private readonly ConcurrentDictionary<Hash256, byte> _forgotten = new();

    public async ValueTask LookupAsync(ReadOnlyMemory<Hash256> hashes, Memory<BlockLocation?> found, CancellationToken ct)
    {
        await inner.LookupAsync(hashes, found, ct);
        List<Hash256>? gone = null;
        for (var i = 0; i < found.Length; i++)
        {
            if (found.Span[i] is not { } location || existingPacks.Contains(location.Pack))
            {
                continue;
            }

            // A failed check is not cached as an answer: the next lookup of that pack asks the store again.
            var check = _exists.GetOrAdd(location.Pack, pack => ExistsAsync(pack, lifetime));
            bool exists;
            try
            {
                exists = await check.WaitAsync(ct);
            }
            catch when (check.IsFaulted || check.IsCanceled)
            {
                _exists.TryRemove(new KeyValuePair<Hash256, Task<bool>>(location.Pack, check));
                throw;
            }

            if (!exists)
            {
                (gone ??= []).Add(location.Pack);
            }
        }

        if (gone is not null)
        {
            var first = gone.Distinct().Where(p => _forgotten.TryAdd(p, 0)).ToList();
            if (first.Count > 0)
            {
                await inner.RemovePacksAsync(first, ct);
            }
        }
    }

    public ValueTask AddPackAsync(Hash256 packId, IReadOnlyList<PackIndexEntry> entries, CancellationToken ct) =>
        inner.AddPackAsync(packId, entries, ct);

    public ValueTask AddPacksAsync(IReadOnlyList<(Hash256 PackId, IReadOnlyList<PackIndexEntry> Entries)> packs, CancellationToken ct) =>
        inner.AddPacksAsync(packs, ct);

    public ValueTask RemovePacksAsync(IReadOnlyCollection<Hash256> packIds, CancellationToken ct) => inner.RemovePacksAsync(packIds, ct);

    public ValueTask<bool> IsCompleteAsync(CancellationToken ct) => inner.IsCompleteAsync(ct);

    public ValueTask MarkCompleteAsync(CancellationToken ct) => inner.MarkCompleteAsync(ct);

    private async Task<bool> ExistsAsync(Hash256 pack, CancellationToken ct) =>
        await store.TryGetInfoAsync(PackFormat.KeyOf(pack), ct) is not null;
}
