namespace VolumeBackup.DataPath;

/// <summary>What a backup did.</summary>
/// <param name="ObjectCount">Packs + segments + root the backup refers to (the spec's object_count).</param>
/// <param name="LogicalBytes">The volume's size.</param>
/// <param name="NewStoredBytes">Bytes of packs, segments and root added to the container by this run.</param>
/// <param name="NewBlocks">Blocks stored by this run; the other non-zero blocks were already in the container.</param>
/// <param name="ResumedPacks">Packs found from an earlier, interrupted run of the same backup and not uploaded again.</param>
/// <param name="BlocksFromMissingPacks">Blocks the previous backup or the block index placed in packs that are gone from the
/// container (deleted outside the service), stored again by this run. Not zero means earlier backups are damaged.</param>
/// <param name="BufferBytes">Memory the run's buffer pools allocated: fixed by the options, whatever the volume size.</param>
/// <param name="IndexRebuild">What rebuilding the container's block index before this run did (packs indexed, damaged packs
/// left out, or the store error that stopped it and left this run without the index); null when no rebuild ran.</param>
public sealed record BackupResult(
    int ObjectCount,
    long LogicalBytes,
    long NewStoredBytes,
    long StoredBlocks,
    long ZeroBlocks,
    long NewBlocks,
    int NewPacks,
    int NewSegments,
    int ResumedPacks,
    long BlocksFromMissingPacks,
    long BufferBytes,
    BlockIndexRebuildResult? IndexRebuild = null)
{
    /// <summary>
    /// Whether the run read only the ranges changed-block tracking named (and blocks of missing packs), carrying the
    /// previous backup's entries for the rest; false when it read every allocated block.
    /// </summary>
    public bool ReadChangedBlocksOnly { get; init; }

    /// <summary>Bytes of the non-zero blocks the backup covers: what a full, undeduplicated copy would store before compression.</summary>
    public long DataBytes { get; init; }
}
