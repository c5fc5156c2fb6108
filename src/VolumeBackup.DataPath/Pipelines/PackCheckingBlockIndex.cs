using System.Collections.Concurrent;
using VolumeBackup.DataPath.Blocks;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Packs;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// What a backup looks blocks up in: the container's index, trusting a location only once its pack was seen in the
/// container during this run (one existence check per distinct pack). The index is kept in step by sweeps, but rows can
/// outlive their packs when the database is restored from an older copy or sweeps ran while the index was switched off;
/// such a row is ignored and forgotten. A pack seen here stays until the backup ends: its lock keeps sweeps away.
/// </summary>
internal sealed class PackCheckingBlockIndex(IObjectStore store, IBlockIndex inner) : IBlockIndex
{
    private readonly ConcurrentDictionary<Hash256, Task<bool>> _exists = new();

    public async ValueTask LookupAsync(ReadOnlyMemory<Hash256> hashes, Memory<BlockLocation?> found, CancellationToken ct)
    {
        await inner.LookupAsync(hashes, found, ct);
        List<Hash256>? gone = null;
        for (var i = 0; i < found.Length; i++)
        {
            if (found.Span[i] is not { } location)
            {
                continue;
            }

            // A failed check is not cached as an answer: the next lookup of that pack asks the store again.
            var check = _exists.GetOrAdd(location.Pack, pack => ExistsAsync(pack, ct));
            bool exists;
            try
            {
                exists = await check;
            }
            catch
            {
                _exists.TryRemove(new KeyValuePair<Hash256, Task<bool>>(location.Pack, check));
                throw;
            }

            if (!exists)
            {
                found.Span[i] = null;
                (gone ??= []).Add(location.Pack);
            }
        }

        if (gone is not null)
        {
            await inner.RemovePacksAsync(gone.Distinct().ToList(), ct);
        }
    }

    public ValueTask AddPackAsync(Hash256 packId, IReadOnlyList<PackIndexEntry> entries, CancellationToken ct) =>
        inner.AddPackAsync(packId, entries, ct);

    public ValueTask RemovePacksAsync(IReadOnlyCollection<Hash256> packIds, CancellationToken ct) => inner.RemovePacksAsync(packIds, ct);

    public ValueTask<bool> IsCompleteAsync(CancellationToken ct) => inner.IsCompleteAsync(ct);

    public ValueTask MarkCompleteAsync(CancellationToken ct) => inner.MarkCompleteAsync(ct);

    private async Task<bool> ExistsAsync(Hash256 pack, CancellationToken ct) =>
        await store.TryGetInfoAsync(PackFormat.KeyOf(pack), ct) is not null;
}
