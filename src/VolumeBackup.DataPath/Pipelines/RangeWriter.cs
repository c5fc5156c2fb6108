using System.Threading.Channels;
using VolumeBackup.DataPath.Buffers;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.Volumes;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// Writes verified ranges to the target and gives their buffers back. Writing is a stage of its own so that fetchers keep
/// decoding while a write waits for the device; see <see cref="RestorePipeline"/> for how many writers run.
/// </summary>
internal sealed class RangeWriter(BackupManifest root, VolumeHandle target, ProgressCounter counter, BoundedPool<AlignedBuffer> plainPool)
{
    public async Task RunAsync(ChannelReader<DecodedRange> decoded, CancellationToken ct)
    {
        await foreach (var item in decoded.ReadAllAsync(ct))
        {
            try
            {
                await WriteAsync(item, ct);
            }
            finally
            {
                plainPool.Return(item.Plain);
            }
        }
    }

    /// <summary>Writes runs of blocks that are adjacent in the volume with one write each.</summary>
    private async Task WriteAsync(DecodedRange item, CancellationToken ct)
    {
        var bs = root.BlockSize;
        var entries = item.Range.Entries;
        var runStart = 0;
        for (var j = 1; j <= entries.Count; j++)
        {
            if (j < entries.Count && entries[j].Block == entries[j - 1].Block + 1)
            {
                continue;
            }

            var length = (j - runStart - 1) * bs + (j == entries.Count ? item.LastPlainLength : bs);
            var offset = (item.Range.SpanFirstBlock + entries[runStart].Block) * bs;
            await target.WriteAsync(item.Plain.Memory.Slice(runStart * bs, length), offset, ct);
            counter.Add(length);
            runStart = j;
        }
    }
}
