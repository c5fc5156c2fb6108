using System.Collections.Concurrent;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// The volume's previous backup, read one segment at a time as the new backup passes its spans: a block whose hash is
/// unchanged at the same index is referenced, not stored, and an unchanged span reuses the old segment object.
/// </summary>
internal sealed class PreviousBackup
{
    private readonly IObjectStore _store;
    private readonly BackupManifest _root;
    private readonly Dictionary<long, Hash256> _segments;
    private readonly ConcurrentDictionary<long, bool> _read = new();

    private PreviousBackup(IObjectStore store, BackupManifest root)
    {
        _store = store;
        _root = root;
        _segments = root.Segments.ToDictionary(s => s.Index, s => Hash256.Parse(s.Hash));
    }

    /// <summary>The previous backup when its root exists and uses the same block geometry; otherwise null (full read).</summary>
    public static async Task<PreviousBackup?> TryOpenAsync(
        IObjectStore store, string? previousBackupId, DataPathOptions options, CancellationToken ct)
    {
        if (previousBackupId is null)
        {
            return null;
        }

        BackupManifest? root;
        try
        {
            root = await ManifestReader.TryReadRootAsync(store, previousBackupId, ct);
        }
        catch (DataPathException)
        {
            return null; // a damaged previous root only costs this backup its incremental shortcut
        }

        return root is not null && root.BlockSize == options.BlockSize && root.SegmentBlocks == options.SegmentBlocks
            ? new PreviousBackup(store, root)
            : null;
    }

    /// <summary>The size of the volume the previous backup recorded.</summary>
    public long VolumeSize => _root.VolumeSize;

    /// <summary>Whether the previous root lists a segment for the span (a span without one was all zero).</summary>
    public bool HasSegment(long span) => _segments.ContainsKey(span);

    /// <summary>
    /// The previous segment of a span, for reuse of the object when the new one is identical; only for a segment this run
    /// read intact, so that a segment object deleted or damaged since is written again rather than referred to.
    /// </summary>
    public bool TryGetSegmentHash(long span, out Hash256 hash)
    {
        hash = default;
        return _read.ContainsKey(span) && _segments.TryGetValue(span, out hash);
    }

    public async Task<Segment?> TryGetSegmentAsync(long span, CancellationToken ct)
    {
        if (!_segments.TryGetValue(span, out var hash))
        {
            return null;
        }

        try
        {
            var segment = await ManifestReader.ReadSegmentAsync(_store, hash, _root.SegmentBlocks, _root.BackupId, ct);
            _read[span] = true;
            return segment;
        }
        catch (DataPathException)
        {
            return null; // damaged: read and store this span afresh
        }
    }
}
