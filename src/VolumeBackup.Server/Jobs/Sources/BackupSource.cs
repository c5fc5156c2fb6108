using VolumeBackup.Volumes;
using VolumeBackup.Volumes.Snapshots;

namespace VolumeBackup.Server.Jobs.Sources;

/// <summary>
/// What one backup attempt reads: the volume itself, or a snapshot of it taken for this backup; and, when the previous
/// backup's snapshot was kept, the ranges that changed since (null: read everything).
/// </summary>
internal sealed class BackupSource(VolumeHandle handle, VolumeSnapshot? snapshot, IReadOnlyList<ByteRange>? changedRanges) : IDisposable
{
    public VolumeHandle Handle { get; } = handle;

    /// <summary>The snapshot this backup reads, which becomes the base of the next backup's comparison; null when it reads the volume.</summary>
    public VolumeSnapshot? Snapshot { get; } = snapshot;

    /// <summary>The ranges that may differ from the previous backup; null when unknown (a full read).</summary>
    public IReadOnlyList<ByteRange>? ChangedRanges { get; } = changedRanges;

    public void Dispose() => Handle.Dispose();
}
