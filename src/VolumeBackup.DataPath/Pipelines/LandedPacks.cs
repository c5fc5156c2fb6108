using VolumeBackup.DataPath.Blocks;
using VolumeBackup.DataPath.Packs;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// Finds the packs an interrupted run of the same backup already uploaded. Pack ids are (backup id, sequence), and at
/// most <see cref="ProbeWindow"/> packs are in flight at once, so probing sequence numbers until that many in a row are
/// missing finds every landed pack without listing the container.
/// </summary>
internal static class LandedPacks
{
    /// <summary>Packs that can be in flight: those being PUT plus the one queued plus the one being filled, with slack.</summary>
    public static int ProbeWindow(DataPathOptions options) => 2 * options.UploadConcurrency + 4;

    /// <summary>Adds the blocks of every landed pack to <paramref name="runBlocks"/>; returns (packs found, next free sequence).</summary>
    public static async Task<(int Found, long NextSequence)> RecoverAsync(
        IObjectStore store, string backupId, DataPathOptions options, RunBlockMap runBlocks, IBlockIndex? index, CancellationToken ct)
    {
        var found = 0;
        long next = 0;
        var misses = 0;
        for (long sequence = 0; misses < ProbeWindow(options); sequence++)
        {
            var id = PackFormat.IdOf(backupId, sequence);
            IReadOnlyList<PackIndexEntry>? entries;
            try
            {
                entries = await PackIndexReader.TryReadAsync(store, id, ct);
            }
            catch (DataPathException)
            {
                entries = null; // a damaged leftover is not trusted; its sequence number is skipped below
                next = sequence + 1;
            }

            if (entries is null)
            {
                misses++;
                continue;
            }

            misses = 0;
            found++;
            next = sequence + 1;
            foreach (var e in entries)
            {
                runBlocks.TryAdd(e.Hash, new BlockLocation(id, e.Offset, e.StoredLength, e.Compression));
            }

            if (index is not null)
            {
                await index.AddPackAsync(id, entries, ct);
            }
        }

        return (found, next);
    }
}
