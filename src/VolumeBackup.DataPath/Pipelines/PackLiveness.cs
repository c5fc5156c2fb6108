using VolumeBackup.DataPath.Hashing;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// What the mark phase learned about one referenced pack: which of its blocks are live (by offset, each counted once
/// however many segments list it), their stored bytes, and the segments that point into it.
/// </summary>
internal sealed class PackLiveness
{
    private readonly Dictionary<uint, uint> _liveBlocks = [];

    /// <summary>Live block offsets -> stored length.</summary>
    public IReadOnlyDictionary<uint, uint> LiveBlocks => _liveBlocks;

    public long LiveBytes { get; private set; }

    public List<Hash256> Segments { get; } = [];

    public void AddBlock(uint offset, uint storedLength)
    {
        if (_liveBlocks.TryAdd(offset, storedLength))
        {
            LiveBytes += storedLength;
        }
    }
}
