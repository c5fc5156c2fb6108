namespace VolumeBackup.DataPath;

/// <summary>
/// Outcome of removing objects no root refers to and compacting mostly-dead packs. <see cref="DeferredReason"/> is set
/// when the sweep did not run (a backup, restore or delete was running in the container, or a root could not be read);
/// the garbage stays for a later sweep.
/// </summary>
/// <param name="DeletedPacks">Packs deleted: garbage and packs whose live blocks were compacted into new packs.</param>
/// <param name="DeletedSegments">Segments deleted: garbage and segments replaced by rewritten ones.</param>
/// <param name="ReclaimedBytes">
/// How much the container shrank: the size of everything deleted minus everything compaction wrote (new packs, new
/// segments and any growth of rewritten roots).
/// </param>
public sealed record SweepResult(string? DeferredReason, int DeletedPacks, int DeletedSegments, long ReclaimedBytes)
{
    public bool Deferred => DeferredReason is not null;

    /// <summary>Packs whose live blocks were copied into new packs and that no root refers to any more.</summary>
    public int CompactedPacks { get; init; }

    /// <summary>Stored bytes of live blocks copied into new packs.</summary>
    public long CopiedBytes { get; init; }

    /// <summary>New packs written by compaction.</summary>
    public int WrittenPacks { get; init; }

    /// <summary>Packs due for compaction that were left for a later sweep because this one reached its copy budget.</summary>
    public int CompactionPacksLeft { get; init; }

    /// <summary>
    /// Packs that were due for compaction but hold a damaged live block (or cannot be read): left exactly as they are,
    /// one sentence each naming the pack. Restores of the blocks in them fail as they would have before.
    /// </summary>
    public IReadOnlyList<string> DamagedPacks { get; init; } = [];

    /// <summary>
    /// True when a restore (or other lock holder) started while compaction rewrote roots: the replaced packs and
    /// segments were kept for it and are removed by a later sweep.
    /// </summary>
    public bool ReplacedObjectsKept { get; init; }
}
