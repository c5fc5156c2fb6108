using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Packs;

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

    /// <summary>
    /// The bytes the live blocks would take in a pack of their own: their stored bytes, their index entries, header and
    /// trailer. A pack holding only live blocks has exactly this size, so packs of tiny (highly compressible) blocks, whose
    /// index outweighs their data, never look dead and are not copied over and over.
    /// </summary>
    public long Footprint => LiveBytes + ((long)_liveBlocks.Count * PackFormat.IndexEntrySize) + PackFormat.HeaderSize + PackFormat.TrailerSize;

    public List<Hash256> Segments { get; } = [];

    public void AddBlock(uint offset, uint storedLength)
    {
        if (_liveBlocks.TryAdd(offset, storedLength))
        {
            LiveBytes += storedLength;
        }
    }
}
