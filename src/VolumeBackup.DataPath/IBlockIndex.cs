using VolumeBackup.DataPath.Blocks;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Packs;

namespace VolumeBackup.DataPath;

/// <summary>
/// The block index of ONE container (hash -> where a copy is stored in that container), consulted by backups so that a
/// block any backup already stored there is not uploaded again. Never shared between containers, and so never between
/// tenants: a hit would tell one tenant that another holds some data. Declared here by its consumer; a database-backed
/// implementation lives in persistence. It can be rebuilt from the pack indexes (<see cref="BlockIndexRebuild"/>), and a
/// backup looks blocks up in it only once it is complete. Without one, backups dedup against the previous backup and
/// within their own run.
/// </summary>
public interface IBlockIndex
{
    /// <summary>
    /// Fills <paramref name="found"/>[i] with a location of a stored block whose plaintext hashes to <paramref name="hashes"/>[i],
    /// or null. Called concurrently by backup workers. Contract: a location returned must be in a pack that exists and that no
    /// sweep is deleting (an implementation drops the entries of packs a sweep removed). Store errors propagate.
    /// </summary>
    ValueTask LookupAsync(ReadOnlyMemory<Hash256> hashes, Memory<BlockLocation?> found, CancellationToken ct);

    /// <summary>
    /// Records the blocks of pack <paramref name="packId"/> after its PUT succeeded (by a backup, or by a sweep's compaction
    /// after it forgot the packs the blocks were copied from). Idempotent; may be called concurrently.
    /// </summary>
    ValueTask AddPackAsync(Hash256 packId, IReadOnlyList<PackIndexEntry> entries, CancellationToken ct);

    /// <summary>
    /// <see cref="AddPackAsync"/> for several packs; an implementation over a database records them in one transaction,
    /// since a commit costs far more than its rows. The same contract as one pack at a time, which is the default.
    /// </summary>
    async ValueTask AddPacksAsync(IReadOnlyList<(Hash256 PackId, IReadOnlyList<PackIndexEntry> Entries)> packs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(packs);
        foreach (var (packId, entries) in packs)
        {
            await AddPackAsync(packId, entries, ct);
        }
    }

    /// <summary>
    /// Forgets every block of the given packs. A sweep calls it before it deletes them (and only while no backup runs in the
    /// container), so the index never names a deleted pack. Idempotent.
    /// </summary>
    ValueTask RemovePacksAsync(IReadOnlyCollection<Hash256> packIds, CancellationToken ct);

    /// <summary>
    /// Whether the index has been built from every pack of the container (<see cref="MarkCompleteAsync"/>) and kept since.
    /// A backup does not look blocks up in an index that is not complete; it rebuilds it first.
    /// </summary>
    ValueTask<bool> IsCompleteAsync(CancellationToken ct);

    /// <summary>
    /// Records that the index now lists the blocks of every pack of the container. Called after a rebuild, by a backup that
    /// holds its backup lock (so no sweep deleted a pack meanwhile). Idempotent.
    /// </summary>
    ValueTask MarkCompleteAsync(CancellationToken ct);
}
