using System.Threading.Channels;
using VolumeBackup.DataPath.Blocks;
using VolumeBackup.DataPath.Compression;
using VolumeBackup.DataPath.Hashing;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// The CPU stage of a backup: for each block of a chunk, zero check, SHA-256, lookup (previous backup at the same index,
/// this run's blocks, the container index; reused only from packs the container still holds), and zstd for blocks that are new. Several run in parallel, one compressor each.
/// </summary>
internal sealed class BlockWorker(DataPathOptions options, RunBlockMap runBlocks, IBlockIndex? index, ExistingPacks existingPacks)
{
    // Whether the index answered "found" for most blocks of late (a clone of backed-up data): then waiting for it saves
    // compressing blocks that will not be stored. Otherwise the lookup runs while the worker goes on (see below).
    private volatile bool _indexMostlyHits;

    // Lookups still running for chunks this worker handed on. The worker ends only once they have: a lookup must not
    // outlive its pipeline (it holds a database connection and the chunk, which goes back to the pool after the run).
    private readonly List<Task> _lookups = [];

    public async Task RunAsync(ChannelReader<Chunk> chunks, CancellationToken ct)
    {
        try
        {
            await ProcessAsync(chunks, ct);
        }
        finally
        {
            // They never throw (a failure goes to the chunk), and they end soon after ct is cancelled on a failed run.
            await Task.WhenAll(_lookups);
        }
    }

    private async Task ProcessAsync(ChannelReader<Chunk> chunks, CancellationToken ct)
    {
        using var compressor = new BlockCompressor(options.CompressionLevel);
        await foreach (var chunk in chunks.ReadAllAsync(ct))
        {
            try
            {
                var pending = Classify(chunk);
                if (pending > 0 && index is not null && !_indexMostlyHits)
                {
                    // A database lookup takes 0.3-2 ms, as long as hashing and compressing the chunk; awaited here it idled
                    // a core per lookup and made a first backup up to 3x slower on PostgreSQL. So new-looking blocks are
                    // compressed at once and the chunk completes when the lookup answers; blocks it finds are referenced and
                    // their compressed bytes dropped. The assembler waits for chunks in order, so nothing else changes.
                    Compress(chunk, pending, compressor);
                    Track(CompleteAfterLookupAsync(chunk, pending, ct));
                    continue;
                }

                if (pending > 0 && index is not null)
                {
                    pending = await LookUpAndLearnAsync(chunk, pending, ct);
                }

                Compress(chunk, pending, compressor);
                chunk.Done.TrySetResult();
            }
            catch (Exception e)
            {
                chunk.Done.TrySetException(e);
                _ = chunk.Done.Task.Exception; // observed here: the worker's own failure is what the run reports
                throw;
            }
        }
    }

    private void Track(Task lookup)
    {
        // At most ChunksInFlight lookups can be running (each holds a chunk); dropping the ended ones keeps the list that short.
        if (_lookups.Count >= options.ChunksInFlight)
        {
            _lookups.RemoveAll(t => t.IsCompleted);
        }

        _lookups.Add(lookup);
    }

    private async Task CompleteAfterLookupAsync(Chunk chunk, int pending, CancellationToken ct)
    {
        try
        {
            await LookUpAndLearnAsync(chunk, pending, ct);
            chunk.Done.TrySetResult();
        }
        catch (Exception e)
        {
            chunk.Done.TrySetException(e); // the assembler rethrows it, which fails the backup
            _ = chunk.Done.Task.Exception; // observed: once the run has failed, no assembler waits for this chunk any more
        }
    }

    private async Task<int> LookUpAndLearnAsync(Chunk chunk, int pending, CancellationToken ct)
    {
        var stillPending = await LookUpInIndexAsync(chunk, pending, ct);
        _indexMostlyHits = (pending - stillPending) * 2 > pending;
        return stillPending;
    }

    /// <summary>Fills outcomes for zero and known blocks; returns how many blocks remain unknown (listed in Pending).</summary>
    private int Classify(Chunk chunk)
    {
        var bs = options.BlockSize;
        var spanFirstBlock = chunk.Span * options.SegmentBlocks;
        var pending = 0;
        for (var i = 0; i < chunk.BlockCount; i++)
        {
            ref var outcome = ref chunk.Outcomes[i];
            outcome.PlainLength = Math.Min(bs, chunk.Length - i * bs);
            var plain = chunk.Data.AsSpan(i * bs, outcome.PlainLength);
            if (ZeroBlock.IsAllZero(plain))
            {
                outcome.Kind = BlockOutcomeKind.Zero;
                continue;
            }

            outcome.Hash = Hash256.Compute(plain);
            var blockInSpan = (int)(chunk.FirstBlock + i - spanFirstBlock);
            if (chunk.Previous is { } previous && previous.TryFind(blockInSpan, out var old) && old.Hash == outcome.Hash
                && existingPacks.CanReuse(old.Location.Pack))
            {
                outcome.Kind = BlockOutcomeKind.Known;
                outcome.Location = old.Location;
            }
            else if (runBlocks.TryGet(outcome.Hash, out var location))
            {
                outcome.Kind = BlockOutcomeKind.Known;
                outcome.Location = location;
            }
            else
            {
                outcome.Kind = BlockOutcomeKind.New;
                chunk.Hashes[pending] = outcome.Hash;
                chunk.Pending[pending++] = i;
            }
        }

        return pending;
    }

    private async Task<int> LookUpInIndexAsync(Chunk chunk, int pending, CancellationToken ct)
    {
        Array.Clear(chunk.Found, 0, pending);
        await index!.LookupAsync(chunk.Hashes.AsMemory(0, pending), chunk.Found.AsMemory(0, pending), ct);
        var stillPending = 0;
        for (var p = 0; p < pending; p++)
        {
            var i = chunk.Pending[p];
            if (chunk.Found[p] is { } location && existingPacks.CanReuse(location.Pack))
            {
                chunk.Outcomes[i].Kind = BlockOutcomeKind.Known;
                chunk.Outcomes[i].Location = location;
            }
            else
            {
                chunk.Pending[stillPending++] = i;
            }
        }

        return stillPending;
    }

    private void Compress(Chunk chunk, int pending, BlockCompressor compressor)
    {
        var bs = options.BlockSize;
        for (var p = 0; p < pending; p++)
        {
            var i = chunk.Pending[p];
            ref var outcome = ref chunk.Outcomes[i];
            var plain = chunk.Data.AsSpan(i * bs, outcome.PlainLength);
            outcome.Compression = compressor.TryCompress(plain, chunk.Output.AsSpan(i * bs, outcome.PlainLength), out var written);
            outcome.StoredLength = outcome.Compression == BlockCompression.None ? outcome.PlainLength : written;
        }
    }
}
