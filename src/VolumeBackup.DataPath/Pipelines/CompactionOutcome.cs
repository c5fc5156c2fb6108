using VolumeBackup.DataPath.Hashing;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>What one compaction wrote and which objects it replaced; the sweep deletes the replaced ones.</summary>
internal sealed class CompactionOutcome
{
    /// <summary>Old packs whose live blocks were copied; no rewritten root refers to them.</summary>
    public List<Hash256> CompactedPacks { get; } = [];

    public List<Hash256> NewPacks { get; } = [];

    /// <summary>Old segment -> the segment that replaced it in every root.</summary>
    public Dictionary<Hash256, Hash256> ReplacedSegments { get; } = [];

    /// <summary>True once every root that listed a replaced segment has been rewritten: only then are the new objects live.</summary>
    public bool RootsRewritten { get; set; }

    /// <summary>Bytes written: new packs, new segments and the growth of rewritten roots.</summary>
    public long WrittenBytes { get; set; }

    public long CopiedBytes { get; set; }

    public int PacksLeft { get; set; }

    public List<string> Damaged { get; } = [];
}
