using System.Buffers.Binary;
using VolumeBackup.DataPath.Blocks;
using VolumeBackup.DataPath.Hashing;

namespace VolumeBackup.DataPath.Manifests;

/// <summary>
/// The byte layout of a segment (docs/backup-format.md). All integers little-endian. The object is named by the
/// SHA-256 of these bytes, so an unchanged span encodes to the same object and later backups reuse it.
/// <code>
/// header  : "VBSG" u16 version=1 u16 reserved=0 u32 pack_count u32 entry_count     (16 bytes)
/// packs   : pack_count x pack id[32], in order of first use
/// entries : entry_count x (u32 block u8[32] hash u32 pack u32 offset u32 stored_length u8 compression), by block
/// </code>
/// </summary>
public static class SegmentCodec
{
    public const ushort Version = 1;
    public const int HeaderSize = 16;
    public const int EntrySize = 4 + Hash256.Size + 4 + 4 + 4 + 1;

    private static ReadOnlySpan<byte> Magic => "VBSG"u8;

    /// <summary>Encodes entries that are sorted by block. Returns a new array sized exactly.</summary>
    public static byte[] Encode(IReadOnlyList<SegmentEntry> entries)
    {
        var packs = new List<Hash256>();
        var packIndex = new Dictionary<Hash256, int>();
        foreach (var e in entries)
        {
            if (packIndex.TryAdd(e.Location.Pack, packs.Count))
            {
                packs.Add(e.Location.Pack);
            }
        }

        var bytes = new byte[HeaderSize + packs.Count * Hash256.Size + entries.Count * EntrySize];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], Version);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)packs.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], (uint)entries.Count);
        var at = HeaderSize;
        foreach (var pack in packs)
        {
            pack.Write(span[at..]);
            at += Hash256.Size;
        }

        var previousBlock = -1;
        foreach (var e in entries)
        {
            if (e.Block <= previousBlock)
            {
                throw new ArgumentException("Segment entries must be sorted by block without repeats.", nameof(entries));
            }

            previousBlock = e.Block;
            var entry = span.Slice(at, EntrySize);
            BinaryPrimitives.WriteUInt32LittleEndian(entry, (uint)e.Block);
            e.Hash.Write(entry[4..]);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[36..], (uint)packIndex[e.Location.Pack]);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[40..], e.Location.Offset);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[44..], e.Location.StoredLength);
            entry[48] = (byte)e.Location.Compression;
            at += EntrySize;
        }

        return bytes;
    }

    /// <summary>Decodes a segment of a span of <paramref name="spanBlocks"/> blocks; malformed bytes -> <see cref="FormatException"/>.</summary>
    public static Segment Decode(ReadOnlySpan<byte> bytes, int spanBlocks)
    {
        if (bytes.Length < HeaderSize || !bytes[..4].SequenceEqual(Magic))
        {
            throw new FormatException("not a segment");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]);
        if (version != Version)
        {
            throw new FormatException($"segment format version {version} is not supported");
        }

        var packCount = BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]);
        var entryCount = BinaryPrimitives.ReadUInt32LittleEndian(bytes[12..]);
        if (HeaderSize + (long)packCount * Hash256.Size + (long)entryCount * EntrySize != bytes.Length || entryCount > spanBlocks)
        {
            throw new FormatException("segment length does not match its counts");
        }

        var packs = new Hash256[packCount];
        var at = HeaderSize;
        for (var i = 0; i < packs.Length; i++, at += Hash256.Size)
        {
            packs[i] = Hash256.Read(bytes[at..]);
        }

        var entries = new SegmentEntry[entryCount];
        var previousBlock = -1L;
        for (var i = 0; i < entries.Length; i++, at += EntrySize)
        {
            var e = bytes.Slice(at, EntrySize);
            var block = BinaryPrimitives.ReadUInt32LittleEndian(e);
            var pack = BinaryPrimitives.ReadUInt32LittleEndian(e[36..]);
            var compression = (BlockCompression)e[48];
            if (block <= previousBlock || block >= spanBlocks || pack >= packCount || !Enum.IsDefined(compression))
            {
                throw new FormatException("segment entry out of range");
            }

            previousBlock = block;
            var location = new BlockLocation(
                packs[pack], BinaryPrimitives.ReadUInt32LittleEndian(e[40..]), BinaryPrimitives.ReadUInt32LittleEndian(e[44..]), compression);
            entries[i] = new SegmentEntry((int)block, Hash256.Read(e[4..]), location);
        }

        return new Segment(entries, spanBlocks);
    }
}
