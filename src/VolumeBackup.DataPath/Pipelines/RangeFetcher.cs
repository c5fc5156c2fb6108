using System.Threading.Channels;
using VolumeBackup.DataPath.Buffers;
using VolumeBackup.DataPath.Compression;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.DataPath.Packs;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// A restore worker: one ranged GET per <see cref="FetchRange"/>, every block decoded and checked against its SHA-256
/// before the range goes to the writers, so nothing that fails verification ever reaches the target.
/// Owns one buffer for the stored bytes; plaintext buffers come from the restore's pool and travel with the range.
/// </summary>
internal sealed class RangeFetcher(IObjectStore store, BackupManifest root, int maxBlocks, BoundedPool<AlignedBuffer> plainPool)
{
    private readonly FixedBufferWriter _stored = new(GC.AllocateUninitializedArray<byte>(maxBlocks * root.BlockSize));

    public async Task RunAsync(ChannelReader<FetchRange> ranges, ChannelWriter<DecodedRange> decoded, CancellationToken ct)
    {
        using var decompressor = new BlockDecompressor();
        await foreach (var range in ranges.ReadAllAsync(ct))
        {
            await FetchAsync(range, ct);
            var plain = await plainPool.RentAsync(ct);
            try
            {
                var lastPlainLength = Decode(range, decompressor, plain.Span);
                await decoded.WriteAsync(new DecodedRange(range, plain, lastPlainLength), ct);
            }
            catch
            {
                plainPool.Return(plain);
                throw;
            }
        }
    }

    private async Task FetchAsync(FetchRange range, CancellationToken ct)
    {
        _stored.Reset();
        try
        {
            await store.GetRangeAsync(PackFormat.KeyOf(range.Pack), range.Offset, range.Length, _stored, ct);
        }
        catch (ObjectNotFoundException e)
        {
            throw new DataPathException($"{Describe(range, 0)} cannot be restored: its pack {range.Pack} is missing from the container.", e);
        }
        catch (ObjectStoreException e) when (e.Kind == ObjectStoreErrorKind.InvalidRange)
        {
            // The manifest points past the end of the pack: the pack is shorter than when it was written.
            throw new DataPathException($"{Describe(range, 0)} cannot be restored: pack {range.Pack} is shorter than its index says.", e);
        }

        // Any other store failure (unavailable, full, access denied) is the store's, not damage: it propagates as it is.

        if (_stored.WrittenCount != range.Length)
        {
            throw new DataPathException($"{Describe(range, 0)} cannot be restored: pack {range.Pack} returned fewer bytes than expected.");
        }
    }

    private int Decode(FetchRange range, BlockDecompressor decompressor, Span<byte> plainBuffer)
    {
        var bs = root.BlockSize;
        var lastPlain = 0;
        for (var j = 0; j < range.Entries.Count; j++)
        {
            var entry = range.Entries[j];
            var offset = (range.SpanFirstBlock + entry.Block) * bs;
            var plainLength = (int)Math.Min(bs, root.VolumeSize - offset);
            var stored = _stored.Buffer.AsSpan((int)(entry.Location.Offset - range.Offset), (int)entry.Location.StoredLength);
            var plain = plainBuffer.Slice(j * bs, plainLength);
            var written = decompressor.TryDecode(stored, entry.Location.Compression, plain);
            if (written != plainLength || Hash256.Compute(plain) != entry.Hash)
            {
                throw new DataPathException(
                    $"{Describe(range, j)} is damaged: its data in pack {range.Pack} does not match its SHA-256; " +
                    "the restore stopped before writing it.");
            }

            lastPlain = plainLength;
        }

        return lastPlain;
    }

    private string Describe(FetchRange range, int j)
    {
        var block = range.SpanFirstBlock + range.Entries[j].Block;
        return $"Block {block} (volume offset {block * root.BlockSize}) of backup {root.BackupId}";
    }
}
