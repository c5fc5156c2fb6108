using System.Threading.Channels;
using VolumeBackup.DataPath.Buffers;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.Volumes;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// Reads the allocated parts of the volume in large positional reads, block-aligned and cut at segment spans, and hands
/// each chunk both to the workers and, in order, to the assembler. Holes are never read: their blocks are zero.
/// </summary>
internal sealed class ChunkReader(
    VolumeHandle source, DataPathOptions options, BoundedPool<Chunk> pool, PreviousBackup? previous, string backupId)
{
    private readonly long _spanBytes = (long)options.SegmentBlocks * options.BlockSize;

    public async Task RunAsync(ChannelWriter<Chunk> toWorkers, ChannelWriter<Chunk> inOrder, CancellationToken ct)
    {
        Exception? failure = null;
        try
        {
            long loadedSpan = -1;
            Segment? previousSegment = null;
            foreach (var range in AlignedRanges())
            {
                for (var offset = range.Offset; offset < range.End;)
                {
                    var span = offset / _spanBytes;
                    var spanEnd = Math.Min((span + 1) * _spanBytes, range.End);
                    var length = (int)Math.Min(options.ReadChunkBytes, spanEnd - offset);
                    if (span != loadedSpan)
                    {
                        previousSegment = previous is null ? null : await previous.TryGetSegmentAsync(span, ct);
                        loadedSpan = span;
                    }

                    var chunk = await pool.RentAsync(ct);
                    chunk.Offset = offset;
                    chunk.Length = length;
                    chunk.FirstBlock = offset / options.BlockSize;
                    chunk.BlockCount = (length + options.BlockSize - 1) / options.BlockSize;
                    chunk.Span = span;
                    chunk.Previous = previousSegment;
                    chunk.Done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    await ReadFullyAsync(chunk, ct);
                    await inOrder.WriteAsync(chunk, ct);
                    await toWorkers.WriteAsync(chunk, ct);
                    offset += length;
                }
            }

            // A volume cut short before the reads got there lists no allocated range past its new end, so no read came up short.
            EnsureNotShrunk(source.Length);
        }
        catch (Exception e)
        {
            failure = e;
            throw;
        }
        finally
        {
            toWorkers.TryComplete(failure);
            inOrder.TryComplete(failure);
        }
    }

    /// <summary>The driver's allocated ranges widened to whole blocks, merged where they touch, in order.</summary>
    internal IEnumerable<ByteRange> AlignedRanges()
    {
        long bs = options.BlockSize;
        long previousEnd = 0;
        foreach (var range in source.GetAllocatedRanges())
        {
            var start = Math.Max(range.Offset / bs * bs, previousEnd);
            var end = Math.Min((range.End + bs - 1) / bs * bs, source.Length);
            if (end > start)
            {
                yield return new ByteRange(start, end - start);
                previousEnd = end;
            }
        }
    }

    /// <summary>Fails when the volume (a file, as every driver's volumes are) is now shorter than <paramref name="needed"/>.</summary>
    private void EnsureNotShrunk(long needed)
    {
        var now = source.CurrentLength(); // fstat says 0 for a block device: the handle knows how to ask
        if (now < needed)
        {
            throw Shrunk(now);
        }
    }

    private DataPathException Shrunk(long endedAt) => new(
        $"Backup {backupId} could not read the volume: it ended at byte {endedAt} of its {source.Length} bytes " +
        "(it shrank while being backed up).");

    private async Task ReadFullyAsync(Chunk chunk, CancellationToken ct)
    {
        var done = 0;
        while (done < chunk.Length)
        {
            int read;
            try
            {
                read = await source.ReadAsync(chunk.Data.AsMemory(done, chunk.Length - done), chunk.Offset + done, ct);
            }
            catch (IOException e)
            {
                // The I/O message may name a local path, which a fail_reason must not show; the inner exception keeps it for logs.
                throw new DataPathException($"Backup {backupId} could not read the volume at offset {chunk.Offset + done}.", e);
            }

            if (read == 0)
            {
                // The volume ended before its size: it shrank while being read. Backing up zeros in place of its
                // bytes would make a backup that restores to something the volume never held, so the backup fails.
                throw Shrunk(chunk.Offset + done);
            }

            done += read;
        }
    }
}
