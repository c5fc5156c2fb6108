using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.DataPath.Manifests;

/// <summary>Reads roots and segments, checking each against its name or format; damage -> <see cref="DataPathException"/>.</summary>
public static class ManifestReader
{
    /// <summary>The root of <paramref name="backupId"/>, or null when the container has none.</summary>
    public static async Task<BackupManifest?> TryReadRootAsync(IObjectStore store, string backupId, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        try
        {
            await store.GetAsync(ManifestKeys.RootOf(backupId), buffer, ct);
        }
        catch (ObjectNotFoundException)
        {
            return null;
        }

        return ParseRoot(buffer.WrittenSpan, backupId);
    }

    /// <summary>The root of <paramref name="backupId"/>; missing -> <see cref="DataPathException"/>.</summary>
    public static async Task<BackupManifest> ReadRootAsync(IObjectStore store, string backupId, CancellationToken ct) =>
        await TryReadRootAsync(store, backupId, ct)
        ?? throw new DataPathException($"Backup {backupId} has no manifest in container '{store.Container}': it does not exist or was deleted.");

    internal static BackupManifest ParseRoot(ReadOnlySpan<byte> json, string backupId)
    {
        BackupManifest? root;
        try
        {
            root = JsonSerializer.Deserialize(json, ManifestJsonContext.Default.BackupManifest);
        }
        catch (JsonException)
        {
            root = null;
        }

        if (root is null || root.Segments is null || root.Stats is null || root.BackupId != backupId)
        {
            throw new DataPathException($"The manifest of backup {backupId} is damaged and cannot be read.");
        }

        if (root.FormatVersion != BackupManifest.CurrentFormatVersion)
        {
            throw new DataPathException($"Backup {backupId} uses format version {root.FormatVersion}, which this service does not read.");
        }

        if (root.BlockSize <= 0 || root.SegmentBlocks <= 0 || root.VolumeSize < 0
            || root.Segments.Any(s => s is null || !Hash256.TryParse(s.Hash, out _)))
        {
            throw new DataPathException($"The manifest of backup {backupId} is damaged: its sizes or segment list are invalid.");
        }

        return root;
    }

    /// <summary>Reads segment <paramref name="hash"/> and checks its bytes hash to its name before decoding.</summary>
    public static async Task<Segment> ReadSegmentAsync(
        IObjectStore store, Hash256 hash, int spanBlocks, string backupId, CancellationToken ct)
    {
        var read = await TryReadSegmentAsync(store, hash, spanBlocks, backupId, ct);
        return read.Segment ?? throw new DataPathException(read.Problem!);
    }

    /// <summary>
    /// As <see cref="ReadSegmentAsync"/>, but a missing, short or undecodable segment is an answer, not an exception: a
    /// verification records it and goes on. Store failures (unavailable, denied) still propagate.
    /// </summary>
    internal static async Task<SegmentRead> TryReadSegmentAsync(
        IObjectStore store, Hash256 hash, int spanBlocks, string backupId, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        try
        {
            await store.GetAsync(ManifestKeys.SegmentOf(hash), buffer, ct);
        }
        catch (ObjectNotFoundException)
        {
            return SegmentRead.Failed(missing: true, $"Backup {backupId} is damaged: its segment {hash} is missing from the container.");
        }

        Span<byte> digest = stackalloc byte[Hash256.Size];
        SHA256.HashData(buffer.WrittenSpan, digest);
        if (Hash256.Read(digest) != hash)
        {
            return SegmentRead.Failed(missing: false, $"Backup {backupId} is damaged: segment {hash} does not match its checksum.");
        }

        try
        {
            return new SegmentRead(SegmentCodec.Decode(buffer.WrittenSpan, spanBlocks), false, null);
        }
        catch (FormatException e)
        {
            return SegmentRead.Failed(missing: false, $"Backup {backupId} is damaged: segment {hash} cannot be decoded ({e.Message}).");
        }
    }
}
