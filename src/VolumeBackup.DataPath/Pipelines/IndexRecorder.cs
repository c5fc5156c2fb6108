using System.Threading.Channels;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Packs;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>A pack that landed, for the block index.</summary>
internal sealed record LandedPack(Hash256 Id, IReadOnlyList<PackIndexEntry> Entries);

/// <summary>
/// Tells the block index about landed packs off the upload path, all that are waiting in one call. Recording a pack is a database write
/// that waits for the database's commit; done by the uploaders themselves it held a PUT slot for every commit and made a
/// first backup into an empty container 1.6x slower. The index is a cache of what the container holds, so recording a
/// little later changes nothing but when dedup can see the pack; the backup still waits for the recorder before its root.
/// </summary>
internal sealed class IndexRecorder(IBlockIndex index)
{
    /// <summary>64 packs of 8 MiB: half a GiB of new data per transaction, about 13,000 rows.</summary>
    private const int MaxPacksPerCall = 64;

    public async Task RunAsync(ChannelReader<LandedPack> landed, CancellationToken ct)
    {
        var batch = new List<(Hash256, IReadOnlyList<PackIndexEntry>)>();
        while (await landed.WaitToReadAsync(ct))
        {
            batch.Clear();
            while (batch.Count < MaxPacksPerCall && landed.TryRead(out var pack))
            {
                batch.Add((pack.Id, pack.Entries));
            }

            await index.AddPacksAsync(batch, ct);
        }
    }
}
