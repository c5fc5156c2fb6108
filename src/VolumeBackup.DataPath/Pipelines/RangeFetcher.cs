using System.Threading.Channels;
using VolumeBackup.DataPath.Buffers;
using VolumeBackup.DataPath.Compression;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// A restore worker: one ranged GET per <see cref="FetchRange"/> (through a <see cref="RangeReader"/>), every block decoded
/// and checked against its SHA-256 before the range goes to the writers, so nothing that fails verification ever reaches
/// the target. Plaintext buffers come from the restore's pool and travel with the range.
/// </summary>
internal sealed class RangeFetcher(IObjectStore store, BackupManifest root, int maxBlocks, BoundedPool<AlignedBuffer> plainPool)
{
    private readonly RangeReader _reader = new(store, root, maxBlocks);

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
        switch (await _reader.FetchAsync(range, ct))
        {
            case RangeReadOutcome.PackMissing:
                throw new DataPathException($"{_reader.Describe(range, 0)} cannot be restored: its pack {range.Pack} is missing from the container.");
            case RangeReadOutcome.PackShort:
                throw new DataPathException($"{_reader.Describe(range, 0)} cannot be restored: pack {range.Pack} is shorter than its index says.");
        }
    }

    private int Decode(FetchRange range, BlockDecompressor decompressor, Span<byte> plainBuffer)
    {
        var bs = root.BlockSize;
        var lastPlain = 0;
        for (var j = 0; j < range.Entries.Count; j++)
        {
            var plainLength = _reader.PlainLengthOf(range, j);
            if (!_reader.TryDecode(range, j, decompressor, plainBuffer.Slice(j * bs, plainLength)))
            {
                throw new DataPathException(
                    $"{_reader.Describe(range, j)} is damaged: its data in pack {range.Pack} does not match its SHA-256; " +
                    "the restore stopped before writing it.");
            }

            lastPlain = plainLength;
        }

        return lastPlain;
    }
}
