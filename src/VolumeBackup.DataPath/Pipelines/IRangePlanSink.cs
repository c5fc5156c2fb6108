using VolumeBackup.DataPath.Manifests;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// What <see cref="RangePlanner"/> finds, in volume order: runs with no stored block, ranges to fetch, and damage it meets
/// in the manifest. A restore stops at damage (it throws); a verification records it and goes on.
/// </summary>
internal interface IRangePlanSink
{
    /// <summary>Volume bytes [<paramref name="from"/>, <paramref name="to"/>) hold no stored block: they read as zeros.</summary>
    void Gap(long from, long to);

    /// <summary>A coalesced range of one pack to fetch and check.</summary>
    ValueTask AddAsync(FetchRange range, CancellationToken ct);

    /// <summary>
    /// The segment of span [<paramref name="spanStart"/>, <paramref name="spanEnd"/>) (first block
    /// <paramref name="spanFirstBlock"/>) could not be read: <paramref name="read"/> says why.
    /// </summary>
    void SegmentUnreadable(SegmentRef segment, long spanFirstBlock, long spanStart, long spanEnd, SegmentRead read);

    /// <summary>An entry of a segment points outside the volume or has an impossible size.</summary>
    void InvalidEntry(long block, long offset);
}
