using VolumeBackup.DataPath.Buffers;
using VolumeBackup.DataPath.Compression;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.DataPath.Packs;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// Fetches one <see cref="FetchRange"/> with one ranged GET into a buffer it owns, and decodes and checks its blocks one
/// at a time: the part restore and verification share. Damage is an answer here; what to do about it is the caller's.
/// Store failures other than a missing object or a short pack (unavailable, full, denied) are the store's, not damage,
/// and propagate as they are.
/// </summary>
internal sealed class RangeReader(IObjectStore store, BackupManifest root, int maxBlocks)
{
    private readonly FixedBufferWriter _stored = new(GC.AllocateUninitializedArray<byte>(maxBlocks * root.BlockSize));

    public BackupManifest Root => root;

    public async Task<RangeReadOutcome> FetchAsync(FetchRange range, CancellationToken ct)
    {
        _stored.Reset();
        try
        {
            await store.GetRangeAsync(PackFormat.KeyOf(range.Pack), range.Offset, range.Length, _stored, ct);
        }
        catch (ObjectNotFoundException)
        {
            return RangeReadOutcome.PackMissing;
        }
        catch (ObjectStoreException e) when (e.Kind == ObjectStoreErrorKind.InvalidRange)
        {
            return RangeReadOutcome.PackShort; // the manifest points past the end of the pack
        }

        return _stored.WrittenCount == range.Length ? RangeReadOutcome.Read : RangeReadOutcome.PackShort;
    }

    /// <summary>Bytes of entry <paramref name="j"/> once decoded (shorter for the volume's last block).</summary>
    public int PlainLengthOf(FetchRange range, int j) => (int)Math.Min(root.BlockSize, root.VolumeSize - OffsetOf(range, j));

    public static long BlockOf(FetchRange range, int j) => range.SpanFirstBlock + range.Entries[j].Block;

    public long OffsetOf(FetchRange range, int j) => BlockOf(range, j) * root.BlockSize;

    /// <summary>
    /// Decodes entry <paramref name="j"/> of the fetched range into <paramref name="plain"/> (exactly
    /// <see cref="PlainLengthOf"/> bytes) and checks it against its SHA-256; false when it does not match.
    /// </summary>
    public bool TryDecode(FetchRange range, int j, BlockDecompressor decompressor, Span<byte> plain)
    {
        var entry = range.Entries[j];
        var stored = _stored.Buffer.AsSpan((int)(entry.Location.Offset - range.Offset), (int)entry.Location.StoredLength);
        var written = decompressor.TryDecode(stored, entry.Location.Compression, plain);
        return written == plain.Length && Hash256.Compute(plain) == entry.Hash;
    }

    public string Describe(FetchRange range, int j) =>
        $"Block {BlockOf(range, j)} (volume offset {OffsetOf(range, j)}) of backup {root.BackupId}";
}
