using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Packs;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// The packs in the container when a backup starts. Users manage the container's objects directly, so a pack that the
/// previous backup or the block index names may have been deleted outside the service; a backup that referred to it
/// again would be damaged from the day it was made. Blocks found in a pack missing from this listing are stored anew
/// instead, which also repairs the chain for every later backup. One listing per backup: about one request per
/// 10,000 packs (80 GB of stored data), and 40-50 bytes of memory per pack.
/// </summary>
internal sealed class ExistingPacks
{
    private readonly HashSet<Hash256> _packs;
    private long _blocksFromMissingPacks;

    private ExistingPacks(HashSet<Hash256> packs) => _packs = packs;

    /// <summary>Blocks that earlier backups or the index placed in missing packs, and that this run stored again.</summary>
    public long BlocksFromMissingPacks => Interlocked.Read(ref _blocksFromMissingPacks);

    public static async Task<ExistingPacks> ListAsync(IObjectStore store, CancellationToken ct)
    {
        var packs = new HashSet<Hash256>();
        await foreach (var info in store.ListAsync(PackFormat.Prefix, ct))
        {
            if (PackFormat.TryParseKey(info.Key, out var id))
            {
                packs.Add(id);
            }
        }

        return new ExistingPacks(packs);
    }

    /// <summary>Whether the pack was in the listing; counts nothing.</summary>
    public bool Contains(Hash256 pack) => _packs.Contains(pack);

    /// <summary>The packs of the listing.</summary>
    public IReadOnlyCollection<Hash256> Ids => _packs;

    /// <summary>
    /// Whether a location found by a lookup may be reused. Packs that landed after the listing (another backup's, running
    /// now) are not trusted either: storing such a block again costs space once and never correctness. Called concurrently
    /// by workers; the set is only read after it is built.
    /// </summary>
    public bool CanReuse(Hash256 pack)
    {
        if (_packs.Contains(pack))
        {
            return true;
        }

        Interlocked.Increment(ref _blocksFromMissingPacks);
        return false;
    }
}
