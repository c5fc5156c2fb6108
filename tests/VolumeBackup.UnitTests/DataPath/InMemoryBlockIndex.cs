using VolumeBackup.DataPath;
using VolumeBackup.DataPath.Blocks;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Packs;

namespace VolumeBackup.UnitTests.DataPath;

/// <summary>A real block index kept in a dictionary: what a database-backed one does, minus the database.</summary>
internal sealed class InMemoryBlockIndex : IBlockIndex
{
    private readonly Dictionary<Hash256, BlockLocation> _blocks = [];
    private volatile bool _complete;

    /// <summary>How many times a backup looked blocks up.</summary>
    public int Lookups => _lookups;

    private int _lookups;

    /// <summary>The packs the index names now.</summary>
    public IReadOnlyCollection<Hash256> Packs
    {
        get
        {
            lock (_blocks)
            {
                return _blocks.Values.Select(l => l.Pack).ToHashSet();
            }
        }
    }

    public ValueTask LookupAsync(ReadOnlyMemory<Hash256> hashes, Memory<BlockLocation?> found, CancellationToken ct)
    {
        Interlocked.Increment(ref _lookups);
        lock (_blocks)
        {
            for (var i = 0; i < hashes.Length; i++)
            {
                found.Span[i] = _blocks.TryGetValue(hashes.Span[i], out var l) ? l : null;
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask AddPackAsync(Hash256 packId, IReadOnlyList<PackIndexEntry> entries, CancellationToken ct)
    {
        lock (_blocks)
        {
            foreach (var e in entries)
            {
                _blocks.TryAdd(e.Hash, new BlockLocation(packId, e.Offset, e.StoredLength, e.Compression));
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask RemovePacksAsync(IReadOnlyCollection<Hash256> packIds, CancellationToken ct)
    {
        lock (_blocks)
        {
            foreach (var (hash, _) in _blocks.Where(b => packIds.Contains(b.Value.Pack)).ToList())
            {
                _blocks.Remove(hash);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> IsCompleteAsync(CancellationToken ct) => ValueTask.FromResult(_complete);

    public ValueTask MarkCompleteAsync(CancellationToken ct)
    {
        _complete = true;
        return ValueTask.CompletedTask;
    }
}
