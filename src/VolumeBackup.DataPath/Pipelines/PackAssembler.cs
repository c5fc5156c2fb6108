using System.Security.Cryptography;
using System.Threading.Channels;
using VolumeBackup.DataPath.Blocks;
using VolumeBackup.DataPath.Buffers;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.DataPath.Packs;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// The ordered stage of a backup: takes chunks in volume order, appends new blocks to packs, builds one segment per span,
/// and queues sealed packs and changed segments for upload. Single-threaded, so pack layout and segments are deterministic.
/// </summary>
internal sealed class PackAssembler(
    DataPathOptions options,
    string backupId,
    long firstPackSequence,
    BoundedPool<Chunk> chunkPool,
    BoundedPool<AlignedBuffer> packPool,
    RunBlockMap runBlocks,
    PreviousBackup? previous,
    ProgressCounter progress,
    LockLease lease)
{
    private readonly PackWriter _pack = new();
    private readonly List<SegmentEntry> _entries = new(Math.Min(options.SegmentBlocks, 16384));
    private readonly HashSet<ulong> _packs = [];
    private AlignedBuffer? _packBuffer;
    private long _nextPackSequence = firstPackSequence;
    private bool _packOpen;
    private long _currentSpan = -1;

    public List<SegmentRef> Segments { get; } = [];

    public long StoredBlocks { get; private set; }

    public long NewBlocks { get; private set; }

    public long NewStoredBytes { get; private set; }

    public int NewPacks { get; private set; }

    public int NewSegments { get; private set; }

    public int ReferencedPacks => _packs.Count;

    public async Task RunAsync(ChannelReader<InOrderItem> inOrder, ChannelWriter<UploadItem> uploads, CancellationToken ct)
    {
        Exception? failure = null;
        try
        {
            await foreach (var item in inOrder.ReadAllAsync(ct))
            {
                if (item.Chunk is { } chunk)
                {
                    await chunk.Done.Task.WaitAsync(ct);
                }

                if (item.Span != _currentSpan)
                {
                    await FinishSpanAsync(uploads, ct);
                    _currentSpan = item.Span;
                }

                if (item.Chunk is { } read)
                {
                    await AddChunkAsync(read, uploads, ct);
                    progress.AdvanceTo(read.Offset + read.Length);
                    chunkPool.Return(read);
                }
                else
                {
                    Carry(item.Carried!);
                    progress.AdvanceTo(item.Carried!.EndOffset);
                }

                await lease.RefreshIfDueAsync(ct);
            }

            await FinishSpanAsync(uploads, ct);
            if (_packOpen)
            {
                await SealPackAsync(uploads, ct);
            }
        }
        catch (Exception e)
        {
            failure = e;
            throw;
        }
        finally
        {
            uploads.TryComplete(failure);
        }
    }

    private async Task AddChunkAsync(Chunk chunk, ChannelWriter<UploadItem> uploads, CancellationToken ct)
    {
        var bs = options.BlockSize;
        var spanFirstBlock = chunk.Span * options.SegmentBlocks;
        for (var i = 0; i < chunk.BlockCount; i++)
        {
            var outcome = chunk.Outcomes[i];
            if (outcome.Kind == BlockOutcomeKind.Zero)
            {
                continue;
            }

            var location = outcome.Location;
            if (outcome.Kind == BlockOutcomeKind.New && !runBlocks.TryGet(outcome.Hash, out location))
            {
                var stored = outcome.Compression == BlockCompression.None
                    ? chunk.Data.AsMemory(i * bs, outcome.PlainLength)
                    : chunk.Output.AsMemory(i * bs, outcome.StoredLength);
                location = await AppendAsync(outcome.Hash, stored, outcome.PlainLength, outcome.Compression, uploads, ct);
            }

            StoredBlocks++;
            _packs.Add(location.Pack.Prefix);
            _entries.Add(new SegmentEntry((int)(chunk.FirstBlock + i - spanFirstBlock), outcome.Hash, location));
        }
    }

    /// <summary>Blocks changed-block tracking found unchanged: the previous entries, exactly as a full read would find them.</summary>
    private void Carry(CarriedBlocks carried)
    {
        foreach (var entry in carried.Entries())
        {
            StoredBlocks++;
            _packs.Add(entry.Location.Pack.Prefix);
            _entries.Add(entry);
        }
    }

    private async ValueTask<BlockLocation> AppendAsync(
        Hash256 hash, ReadOnlyMemory<byte> stored, int plainLength, BlockCompression compression,
        ChannelWriter<UploadItem> uploads, CancellationToken ct)
    {
        if (_packOpen && _pack.IsFull(options.PackTargetBytes))
        {
            await SealPackAsync(uploads, ct);
        }

        if (!_packOpen)
        {
            _packBuffer = await packPool.RentAsync(ct);
            _pack.Start(PackFormat.IdOf(backupId, _nextPackSequence++), _packBuffer.Memory);
            _packOpen = true;
        }

        var location = _pack.Append(hash, stored.Span, plainLength, compression);
        runBlocks.TryAdd(hash, location);
        NewBlocks++;
        return location;
    }

    private async Task SealPackAsync(ChannelWriter<UploadItem> uploads, CancellationToken ct)
    {
        List<PackIndexEntry> entries = [.. _pack.Entries];
        var length = _pack.Seal();
        _packOpen = false;
        NewPacks++;
        NewStoredBytes += length;
        await uploads.WriteAsync(
            new UploadItem(PackFormat.KeyOf(_pack.Id), _pack.Buffer[..length], _packBuffer, _pack.Id, entries), ct);
    }

    private async Task FinishSpanAsync(ChannelWriter<UploadItem> uploads, CancellationToken ct)
    {
        if (_entries.Count == 0)
        {
            return;
        }

        var bytes = SegmentCodec.Encode(_entries);
        var hash = Hash256.Read(SHA256.HashData(bytes));
        _entries.Clear();
        Segments.Add(new SegmentRef(_currentSpan, hash.ToString()));
        if (previous is not null && previous.TryGetSegmentHash(_currentSpan, out var old) && old == hash)
        {
            return; // unchanged span: the previous backup's segment object is reused as is
        }

        NewSegments++;
        NewStoredBytes += bytes.Length;
        await uploads.WriteAsync(new UploadItem(ManifestKeys.SegmentOf(hash), bytes, null, null, null), ct);
    }
}
