using System.Buffers.Binary;
using System.Security.Cryptography;
using VolumeBackup.DataPath.Blocks;
using VolumeBackup.DataPath.Hashing;

namespace VolumeBackup.DataPath.Packs;

/// <summary>
/// Builds one pack in a caller-supplied buffer: blocks are appended, then <see cref="Seal"/> adds the index and trailer.
/// The buffer must hold the target size plus one block plus the index of a full pack (see <see cref="BufferSizeFor"/>).
/// </summary>
public sealed class PackWriter
{
    private readonly List<PackIndexEntry> _entries = [];
    private Memory<byte> _buffer;
    private int _length;

    public Hash256 Id { get; private set; }

    public int EntryCount => _entries.Count;

    public IReadOnlyList<PackIndexEntry> Entries => _entries;

    /// <summary>Bytes of header and blocks so far.</summary>
    public int Length => _length;

    /// <summary>The buffer given to <see cref="Start"/>; after <see cref="Seal"/>, its first bytes are the pack.</summary>
    public Memory<byte> Buffer => _buffer;

    /// <summary>
    /// Most blocks one pack may index. Highly compressible blocks take a few dozen bytes each, so without a cap the index of
    /// a pack could outgrow its buffer; one entry per KiB of target keeps the index under 5% of the pack.
    /// </summary>
    public static int MaxEntriesFor(int targetBytes) => targetBytes / 1024 + 16;

    /// <summary>The buffer size that holds any pack of <paramref name="targetBytes"/> made of blocks of <paramref name="blockSize"/>.</summary>
    public static int BufferSizeFor(int targetBytes, int blockSize) =>
        PackFormat.HeaderSize + targetBytes + blockSize + MaxEntriesFor(targetBytes) * PackFormat.IndexEntrySize + PackFormat.TrailerSize;

    /// <summary>Whether the pack should be sealed before another block is appended.</summary>
    public bool IsFull(int targetBytes) => _length >= targetBytes || _entries.Count >= MaxEntriesFor(targetBytes);

    /// <summary>Starts a new pack named <paramref name="id"/> in <paramref name="buffer"/>.</summary>
    public void Start(Hash256 id, Memory<byte> buffer)
    {
        Id = id;
        _buffer = buffer;
        _entries.Clear();
        var span = buffer.Span;
        PackFormat.HeaderMagic.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], PackFormat.Version);
        BinaryPrimitives.WriteUInt16LittleEndian(span[6..], 0);
        _length = PackFormat.HeaderSize;
    }

    /// <summary>Appends a stored block and returns where it will live once the pack lands.</summary>
    public BlockLocation Append(Hash256 hash, ReadOnlySpan<byte> stored, int plainLength, BlockCompression compression)
    {
        var offset = _length;
        stored.CopyTo(_buffer.Span[offset..]);
        _length += stored.Length;
        _entries.Add(new PackIndexEntry(hash, (uint)offset, (uint)stored.Length, (uint)plainLength, compression));
        return new BlockLocation(Id, (uint)offset, (uint)stored.Length, compression);
    }

    /// <summary>Writes index and trailer after the blocks; returns the whole pack's length.</summary>
    public int Seal()
    {
        var indexOffset = _length;
        var span = _buffer.Span;
        foreach (var e in _entries)
        {
            var entry = span.Slice(_length, PackFormat.IndexEntrySize);
            e.Hash.Write(entry);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[32..], e.Offset);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[36..], e.StoredLength);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[40..], e.PlainLength);
            entry[44] = (byte)e.Compression;
            _length += PackFormat.IndexEntrySize;
        }

        var trailer = span.Slice(_length, PackFormat.TrailerSize);
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, (uint)_entries.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], (uint)indexOffset);
        SHA256.HashData(span[indexOffset.._length], trailer[8..40]);
        PackFormat.TrailerMagic.CopyTo(trailer[40..]);
        _length += PackFormat.TrailerSize;
        return _length;
    }
}
