namespace VolumeBackup.DataPath;

/// <summary>Tuning of the data path. Every default says where its number comes from; <see cref="Validate"/> checks ranges.</summary>
public sealed record DataPathOptions
{
    /// <summary>
    /// 64 KiB: a scattered small write (databases, file system metadata) costs one block, while the per-block overhead
    /// (a 45-byte index entry and a 49-byte segment entry) stays under 0.2% of the data.
    /// </summary>
    public int BlockSize { get; init; } = 64 * 1024;

    /// <summary>Blocks per segment: 16384 x 64 KiB = 1 GiB spans, so a 16 TiB volume has at most 16384 segments.</summary>
    public int SegmentBlocks { get; init; } = 16384;

    /// <summary>
    /// 8 MiB packs: few enough objects that Swift (about 20 small PUTs/s per proxy worker) and per-request billing are
    /// not the limit, small enough that a failed PUT resends little and a few packs in flight stay well under 100 MiB.
    /// </summary>
    public int PackTargetBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Pack PUTs in flight per backup: 4 hides one request's latency behind the others without flooding a proxy.</summary>
    public int UploadConcurrency { get; init; } = 4;

    /// <summary>Ranged GETs in flight per restore: 4, for the same reason as uploads.</summary>
    public int DownloadConcurrency { get; init; } = 4;

    /// <summary>
    /// Hash and compress workers per backup: one per core, since both are CPU-bound, but at most 8 so that a big host
    /// running several backups does not multiply threads and buffers by its core count.
    /// </summary>
    public int Workers { get; init; } = DefaultWorkers;

    /// <summary>Bytes per volume read: 1 MiB keeps reads large and sequential while 16 blocks give workers even shares.</summary>
    public int ReadChunkBytes { get; init; } = 1024 * 1024;

    /// <summary>Chunks being read, hashed or packed at once: the read buffer pool. Twice the workers plus slack for the reader.</summary>
    public int ChunksInFlight { get; init; } = 2 * DefaultWorkers + 4;

    /// <summary>zstd level 1: the fastest regular level; higher levels cost much more CPU for a few percent on volume data.</summary>
    public int CompressionLevel { get; init; } = 1;

    /// <summary>Largest coalesced ranged GET of a restore: 4 MiB (64 blocks), the most a download worker buffers.</summary>
    public int RestoreRangeBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>
    /// Blocks remembered per backup run for dedup within the run and for resume: 262144 entries (about 25 MiB) cover
    /// 16 GiB of new data; past that a repeated block may be stored twice, which wastes space but is correct.
    /// </summary>
    public int KnownBlocksCapacity { get; init; } = 262144;

    /// <summary>A lock not refreshed for this long belongs to a crashed process and is ignored (and removed by a sweep).</summary>
    public TimeSpan LockStaleAfter { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How often a running backup or sweep refreshes its lock: a sixth of the stale time, so a slow PUT cannot outlive it.</summary>
    public TimeSpan LockRefreshInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a backup that found a sweep running checks again.</summary>
    public TimeSpan LockPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A sweep compacts a pack whose live blocks, with their index entries, take less than this fraction of its size (0
    /// turns compaction off).
    /// 0.5: compacting such a pack copies fewer bytes than it frees, so the copy always costs less than the space it
    /// wins, and packs never hold much more than twice the data that is still live.
    /// </summary>
    public double CompactionLiveFraction { get; init; } = 0.5;

    /// <summary>
    /// Most live bytes one sweep copies while compacting (0 turns compaction off): 1 GiB takes a minute or two of reads and
    /// writes at the rate one stream gets from Swift, so a delete job ends in minutes; what is left waits for the next sweep.
    /// </summary>
    public long CompactionMaxBytesPerSweep { get; init; } = 1L << 30;

    private static int DefaultWorkers => Math.Clamp(Environment.ProcessorCount, 1, 8);

    public void Validate()
    {
        if (BlockSize < 4096 || (BlockSize & (BlockSize - 1)) != 0)
        {
            throw new ArgumentException("BlockSize must be a power of two of at least 4096.");
        }

        if (ReadChunkBytes < BlockSize || ReadChunkBytes % BlockSize != 0 || RestoreRangeBytes < BlockSize)
        {
            throw new ArgumentException("ReadChunkBytes must be a multiple of BlockSize; RestoreRangeBytes at least BlockSize.");
        }

        if (SegmentBlocks <= 0 || PackTargetBytes < BlockSize || UploadConcurrency <= 0 || DownloadConcurrency <= 0
            || Workers <= 0 || ChunksInFlight <= 0 || KnownBlocksCapacity < 0 || LockRefreshInterval >= LockStaleAfter
            || CompactionLiveFraction is < 0 or >= 1 || CompactionMaxBytesPerSweep < 0)
        {
            throw new ArgumentException("Data path options are out of range.");
        }
    }
}
