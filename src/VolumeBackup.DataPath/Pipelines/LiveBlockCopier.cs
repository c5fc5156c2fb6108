using System.Buffers;
using System.Text;
using VolumeBackup.DataPath.Blocks;
using VolumeBackup.DataPath.Buffers;
using VolumeBackup.DataPath.Compression;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Packs;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// Copies the live blocks of packs being compacted into new packs, as stored bytes (no recompression). Every block of a
/// pack is fetched with ranged GETs, decoded and checked against its SHA-256 before any of them is appended, so a pack
/// with a damaged block contributes nothing and stays as it is. Holds one pack buffer, one old pack's live bytes at a
/// time and one block of plaintext.
/// </summary>
internal sealed class LiveBlockCopier(IObjectStore store, DataPathOptions options, int maxBlockSize) : IDisposable
{
    private readonly PackWriter _writer = new();
    private readonly byte[] _packBuffer = new byte[PackWriter.BufferSizeFor(options.PackTargetBytes, maxBlockSize)];
    private readonly byte[] _plain = new byte[maxBlockSize];
    private readonly BlockDecompressor _decompressor = new();
    private readonly string _runId = Guid.NewGuid().ToString("N");
    private long _sequence;
    private bool _open;

    /// <summary>(old pack, offset) -> where the block lives now.</summary>
    public Dictionary<(Hash256 Pack, uint Offset), BlockLocation> Moved { get; } = [];

    /// <summary>The packs written so far, with their index entries (for the block index).</summary>
    public List<(Hash256 Id, PackIndexEntry[] Entries)> NewPacks { get; } = [];

    public long NewPackBytes { get; private set; }

    public long CopiedBytes { get; private set; }

    /// <summary>Copies the live blocks of <paramref name="pack"/>; returns null, or a sentence saying why the pack was left alone.</summary>
    public async Task<string?> CopyAsync(Hash256 pack, PackLiveness live, CancellationToken ct)
    {
        var (entries, problem) = await LiveEntriesAsync(pack, live, ct);
        if (entries is null)
        {
            return problem;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)live.LiveBytes);
        try
        {
            problem = await FetchAsync(pack, entries, buffer, ct) ?? Verify(pack, entries, buffer);
            if (problem is not null)
            {
                return problem;
            }

            var at = 0;
            foreach (var e in entries)
            {
                if (_open && _writer.IsFull(options.PackTargetBytes))
                {
                    await SealAsync(ct);
                }

                if (!_open)
                {
                    _writer.Start(Hash256.Compute(Encoding.UTF8.GetBytes($"compact\n{_runId}\n{_sequence++}")), _packBuffer);
                    _open = true;
                }

                Moved[(pack, e.Offset)] = _writer.Append(e.Hash, buffer.AsSpan(at, (int)e.StoredLength), (int)e.PlainLength, e.Compression);
                at += (int)e.StoredLength;
            }

            CopiedBytes += live.LiveBytes;
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Seals and uploads the pack being filled, if any.</summary>
    public Task FlushAsync(CancellationToken ct) => _open ? SealAsync(ct) : Task.CompletedTask;

    public void Dispose() => _decompressor.Dispose();

    private async Task<(List<PackIndexEntry>? Entries, string? Problem)> LiveEntriesAsync(Hash256 pack, PackLiveness live, CancellationToken ct)
    {
        IReadOnlyList<PackIndexEntry>? index;
        try
        {
            index = await PackIndexReader.TryReadAsync(store, pack, ct);
        }
        catch (DataPathException e)
        {
            return (null, e.Message);
        }

        if (index is null)
        {
            return (null, $"Pack {pack} is missing from the container.");
        }

        var byOffset = new Dictionary<uint, PackIndexEntry>(index.Count);
        foreach (var entry in index)
        {
            byOffset.TryAdd(entry.Offset, entry);
        }

        var entries = new List<PackIndexEntry>(live.LiveBlocks.Count);
        foreach (var (offset, storedLength) in live.LiveBlocks)
        {
            if (!byOffset.TryGetValue(offset, out var entry) || entry.StoredLength != storedLength
                || storedLength > maxBlockSize || entry.PlainLength > maxBlockSize)
            {
                return (null, $"Pack {pack} is damaged: its index does not list the block at offset {offset} as the segments do.");
            }

            entries.Add(entry);
        }

        entries.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        return (entries, null);
    }

    /// <summary>Reads the live blocks back to back into <paramref name="buffer"/>: one ranged GET per run of adjacent blocks.</summary>
    private async Task<string?> FetchAsync(Hash256 pack, List<PackIndexEntry> entries, byte[] buffer, CancellationToken ct)
    {
        var key = PackFormat.KeyOf(pack);
        var stored = new FixedBufferWriter(buffer);
        for (var i = 0; i < entries.Count;)
        {
            var start = (long)entries[i].Offset;
            var end = start + entries[i].StoredLength;
            var j = i + 1;
            while (j < entries.Count && entries[j].Offset == end && end + entries[j].StoredLength - start <= options.RestoreRangeBytes)
            {
                end += entries[j++].StoredLength;
            }

            var before = stored.WrittenCount;
            try
            {
                await store.GetRangeAsync(key, start, (int)(end - start), stored, ct);
            }
            catch (ObjectStoreException e) when (e is ObjectNotFoundException || !e.IsTransient)
            {
                return $"Pack {pack} could not be read ({e.Message}).";
            }

            if (stored.WrittenCount - before != end - start)
            {
                return $"Pack {pack} is damaged: it returned fewer bytes than its index lists.";
            }

            i = j;
        }

        return null;
    }

    private string? Verify(Hash256 pack, List<PackIndexEntry> entries, byte[] buffer)
    {
        var at = 0;
        foreach (var e in entries)
        {
            var plain = _plain.AsSpan(0, (int)e.PlainLength);
            var written = _decompressor.TryDecode(buffer.AsSpan(at, (int)e.StoredLength), e.Compression, plain);
            if (written != plain.Length || Hash256.Compute(plain) != e.Hash)
            {
                return $"Pack {pack} is damaged: its block at offset {e.Offset} does not match its SHA-256, so the pack was left as it is.";
            }

            at += (int)e.StoredLength;
        }

        return null;
    }

    private async Task SealAsync(CancellationToken ct)
    {
        var length = _writer.Seal();
        await store.PutAsync(PackFormat.KeyOf(_writer.Id), _packBuffer.AsMemory(0, length), null, ct);
        NewPacks.Add((_writer.Id, [.. _writer.Entries]));
        NewPackBytes += length;
        _open = false;
    }
}
