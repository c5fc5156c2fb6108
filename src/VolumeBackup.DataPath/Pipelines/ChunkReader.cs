using System.Threading.Channels;
using VolumeBackup.DataPath.Buffers;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.Volumes;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// Reads the allocated parts of the volume in large positional reads, block-aligned and cut at segment spans, and hands
/// each chunk both to the workers and, in order, to the assembler. Holes are never read: their blocks are zero.
/// With changed-block tracking (<paramref name="changes"/>) it reads only the changed blocks and hands the assembler the
/// previous backup's entries for the others (<see cref="CarriedBlocks"/>).
/// </summary>
internal sealed class ChunkReader(
    VolumeHandle source,
    DataPathOptions options,
    BoundedPool<Chunk> pool,
    PreviousBackup? previous,
    ChangedBlockPlan? changes,
    ExistingPacks existingPacks,
    string backupId)
{
    private readonly long _spanBytes = (long)options.SegmentBlocks * options.BlockSize;

    // Items started but not yet handed on, in volume order: chunks whose read is running, and carried blocks behind them.
    private readonly Queue<(InOrderItem Item, Task Read)> _pending = new();
    private int _pendingChunks;

    public async Task RunAsync(ChannelWriter<Chunk> toWorkers, ChannelWriter<InOrderItem> inOrder, CancellationToken ct)
    {
        Exception? failure = null;
        try
        {
            if (changes is null)
            {
                await ReadAllocatedAsync(AlignedRanges(), 1, toWorkers, inOrder, ct);
            }
            else
            {
                await ReadChangedAsync(changes, toWorkers, inOrder, ct);
            }

            await HandOnAsync(0, toWorkers, inOrder, ct);

            // A volume cut short before the reads got there lists no allocated range past its new end, so no read came up short.
            EnsureNotShrunk(source.Length);
        }
        catch (Exception e)
        {
            failure = e;
            await EndPendingReadsAsync(); // no read outlives the stage (its chunk goes back to the pool after the run)
            throw;
        }
        finally
        {
            toWorkers.TryComplete(failure);
            inOrder.TryComplete(failure);
        }
    }

    /// <summary>
    /// Reads every allocated block of <paramref name="ranges"/>, comparing each span with the previous backup's, with up to
    /// <paramref name="depth"/> reads running at once.
    /// </summary>
    private async Task ReadAllocatedAsync(
        IEnumerable<ByteRange> ranges, int depth, ChannelWriter<Chunk> toWorkers, ChannelWriter<InOrderItem> inOrder, CancellationToken ct)
    {
        long loadedSpan = -1;
        Segment? previousSegment = null;
        foreach (var range in ranges)
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

                await ReadChunkAsync(offset, length, span, previousSegment, depth, toWorkers, inOrder, ct);
                offset += length;
            }
        }
    }

    /// <summary>
    /// Changed-block tracking: per span, reads the changed blocks and the blocks whose previous pack is gone from the
    /// container, and carries every other block's previous entry (or its zero-ness) over without reading it. A span whose
    /// previous segment cannot be read is read in full, as without tracking. Changed blocks are scattered short reads,
    /// each waiting on the disk, so several run at once (half the chunks in flight); the order handed on stays the volume's.
    /// </summary>
    private async Task ReadChangedAsync(
        ChangedBlockPlan plan, ChannelWriter<Chunk> toWorkers, ChannelWriter<InOrderItem> inOrder, CancellationToken ct)
    {
        long bs = options.BlockSize;
        var depth = Math.Max(1, options.ChunksInFlight / 2);
        var spans = (source.Length + _spanBytes - 1) / _spanBytes;
        for (long span = 0; span < spans; span++)
        {
            var spanStart = span * _spanBytes;
            var spanEnd = Math.Min(spanStart + _spanBytes, source.Length);
            var firstBlock = spanStart / bs;
            var spanBlocks = (int)((spanEnd - spanStart + bs - 1) / bs);
            var changed = plan.RunsIn(firstBlock, firstBlock + spanBlocks);
            Segment? previousSegment = null;
            if (previous!.HasSegment(span))
            {
                previousSegment = await previous.TryGetSegmentAsync(span, ct);
                if (previousSegment is null)
                {
                    // Damaged or gone: nothing to carry from, so this span is read as a full read would.
                    await ReadAllocatedAsync(Clip(AlignedRanges(), spanStart, spanEnd), depth, toWorkers, inOrder, ct);
                    continue;
                }
            }

            var carriedFrom = 0;
            foreach (var (from, to) in ToRead(changed, previousSegment))
            {
                await CarryAsync(span, previousSegment, carriedFrom, from, inOrder, ct);
                for (var offset = spanStart + (from * bs); offset < Math.Min(spanStart + (to * bs), spanEnd);)
                {
                    var length = (int)Math.Min(options.ReadChunkBytes, Math.Min(spanStart + (to * bs), spanEnd) - offset);
                    await ReadChunkAsync(offset, length, span, previousSegment, depth, toWorkers, inOrder, ct);
                    offset += length;
                }

                carriedFrom = to;
            }

            await CarryAsync(span, previousSegment, carriedFrom, spanBlocks, inOrder, ct);
        }
    }

    /// <summary>
    /// The block runs of a span to read: the changed ones, and those whose previous entry names a pack missing from the
    /// container (deleted outside the service: never referred to again, so read and stored anew), merged, in order.
    /// </summary>
    private IEnumerable<(int From, int To)> ToRead(IEnumerable<(int From, int To)> changed, Segment? previousSegment)
    {
        var missing = new List<(int From, int To)>();
        foreach (var entry in previousSegment?.Entries ?? [])
        {
            if (!existingPacks.Contains(entry.Location.Pack))
            {
                missing.Add((entry.Block, entry.Block + 1));
            }
        }

        (int From, int To)? open = null;
        foreach (var run in changed.Concat(missing).OrderBy(r => r.From))
        {
            if (open is { } o && run.From <= o.To)
            {
                open = (o.From, Math.Max(o.To, run.To));
                continue;
            }

            if (open is { } done)
            {
                yield return done;
            }

            open = run;
        }

        if (open is { } last)
        {
            yield return last;
        }
    }

    private async Task CarryAsync(
        long span, Segment? previousSegment, int fromBlock, int toBlock, ChannelWriter<InOrderItem> inOrder, CancellationToken ct)
    {
        // A run of blocks the previous backup found all zero needs nothing: a segment does not list zero blocks.
        if (previousSegment is not null && fromBlock < toBlock && CarriedBlocks.AnyEntries(previousSegment, fromBlock, toBlock))
        {
            var end = Math.Min((span * _spanBytes) + ((long)toBlock * options.BlockSize), source.Length);
            _pending.Enqueue((new InOrderItem(null, new CarriedBlocks(span, previousSegment, fromBlock, toBlock, end)), Task.CompletedTask));
        }
    }

    private async Task ReadChunkAsync(
        long offset, int length, long span, Segment? previousSegment, int depth,
        ChannelWriter<Chunk> toWorkers, ChannelWriter<InOrderItem> inOrder, CancellationToken ct)
    {
        var chunk = await pool.RentAsync(ct);
        chunk.Offset = offset;
        chunk.Length = length;
        chunk.FirstBlock = offset / options.BlockSize;
        chunk.BlockCount = (length + options.BlockSize - 1) / options.BlockSize;
        chunk.Span = span;
        chunk.Previous = previousSegment;
        chunk.Done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.Enqueue((new InOrderItem(chunk, null), ReadFullyAsync(chunk, ct)));
        _pendingChunks++;
        // Below the pool's size: the chunks not held here are on their way through the workers and the assembler.
        await HandOnAsync(depth, toWorkers, inOrder, ct);
    }

    /// <summary>Hands items on, in order, once their reads are done, until fewer than <paramref name="keep"/> chunks wait.</summary>
    private async Task HandOnAsync(int keep, ChannelWriter<Chunk> toWorkers, ChannelWriter<InOrderItem> inOrder, CancellationToken ct)
    {
        while (_pending.Count > 0 && (_pendingChunks >= keep || _pending.Peek().Item.Chunk is null))
        {
            var (item, read) = _pending.Peek();
            await read;
            _pending.Dequeue();
            await inOrder.WriteAsync(item, ct);
            if (item.Chunk is { } chunk)
            {
                _pendingChunks--;
                await toWorkers.WriteAsync(chunk, ct);
            }
        }
    }

    private async Task EndPendingReadsAsync()
    {
        while (_pending.TryDequeue(out var pending))
        {
            try
            {
                await pending.Read;
            }
            catch (Exception)
            {
                // The run has failed already; this read's own failure adds nothing to it.
            }
        }
    }

    private static IEnumerable<ByteRange> Clip(IEnumerable<ByteRange> ranges, long start, long end)
    {
        foreach (var range in ranges)
        {
            var from = Math.Max(range.Offset, start);
            var to = Math.Min(range.End, end);
            if (to > from)
            {
                yield return new ByteRange(from, to - from);
            }
            else if (range.Offset >= end)
            {
                yield break;
            }
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
