using System.Threading.Channels;
using VolumeBackup.DataPath.Buffers;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// PUTs packs and segments; several run at once. No retries here: the store decorator owns them. Landed packs go to
/// <paramref name="landed"/> for the block index when there is one.
/// </summary>
internal sealed class Uploader(IObjectStore store, BoundedPool<AlignedBuffer> packPool, ChannelWriter<LandedPack>? landed)
{
    public async Task RunAsync(ChannelReader<UploadItem> uploads, CancellationToken ct)
    {
        await foreach (var item in uploads.ReadAllAsync(ct))
        {
            try
            {
                await store.PutAsync(item.Key, item.Data, null, ct);
            }
            finally
            {
                if (item.PooledBuffer is not null)
                {
                    packPool.Return(item.PooledBuffer);
                }
            }

            if (landed is not null && item.PackId is { } packId && item.Entries is not null)
            {
                await landed.WriteAsync(new LandedPack(packId, item.Entries), ct);
            }
        }
    }
}
