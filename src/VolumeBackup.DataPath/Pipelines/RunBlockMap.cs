using VolumeBackup.DataPath.Blocks;
using VolumeBackup.DataPath.Hashing;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// Blocks stored by this backup run (and by the landed packs of an interrupted run of the same backup), for dedup within
/// the run. Bounded: past <c>capacity</c> entries new blocks are not remembered, so memory does not grow with the volume.
/// </summary>
internal sealed class RunBlockMap(int capacity)
{
    private readonly Dictionary<Hash256, BlockLocation> _blocks = new(Math.Min(capacity, 4096));
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _blocks.Count;
            }
        }
    }

    public bool TryGet(Hash256 hash, out BlockLocation location)
    {
        lock (_lock)
        {
            return _blocks.TryGetValue(hash, out location);
        }
    }

    public void TryAdd(Hash256 hash, BlockLocation location)
    {
        lock (_lock)
        {
            if (_blocks.Count < capacity)
            {
                _blocks.TryAdd(hash, location);
            }
        }
    }
}
