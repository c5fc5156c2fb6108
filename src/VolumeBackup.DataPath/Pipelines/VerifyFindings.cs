namespace VolumeBackup.DataPath.Pipelines;

/// <summary>Thread-safe collector of a verification's counts and damage; the verifiers and the planner write to it.</summary>
internal sealed class VerifyFindings
{
    private readonly Lock _gate = new();
    private readonly List<DamagedBlock> _damaged = [];
    private readonly SortedSet<string> _missing = new(StringComparer.Ordinal);
    private long _blocks;
    private long _bytes;
    private long _damagedCount;

    public void Checked(long blocks, long bytes)
    {
        Interlocked.Add(ref _blocks, blocks);
        Interlocked.Add(ref _bytes, bytes);
    }

    public void Damaged(long block, long offset, string reason)
    {
        lock (_gate)
        {
            _damagedCount++;
            if (_damaged.Count < VerifyResult.DamagedBlocksListed)
            {
                _damaged.Add(new DamagedBlock(block, offset, reason));
            }
        }
    }

    public void Missing(string key)
    {
        lock (_gate)
        {
            _missing.Add(key);
        }
    }

    public VerifyResult ToResult(string backupId, long volumeSize)
    {
        lock (_gate)
        {
            return new VerifyResult
            {
                BackupId = backupId,
                VolumeSize = volumeSize,
                BlocksChecked = Interlocked.Read(ref _blocks),
                BytesChecked = Interlocked.Read(ref _bytes),
                DamagedBlockCount = _damagedCount,
                DamagedBlocks = [.. _damaged.OrderBy(d => d.Block)],
                MissingObjects = [.. _missing],
            };
        }
    }
}
