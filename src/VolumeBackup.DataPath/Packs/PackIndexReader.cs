using System.Buffers.Binary;
using System.Security.Cryptography;
using VolumeBackup.DataPath.Blocks;
using VolumeBackup.DataPath.Buffers;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.DataPath.Packs;

/// <summary>Reads the index a pack carries at its end: two ranged reads (trailer, then index), whatever the pack's size.</summary>
public static class PackIndexReader
{
    /// <summary>
    /// The blocks pack <paramref name="packId"/> holds, or null when the pack does not exist.
    /// A pack whose trailer or index is damaged -> <see cref="DataPathException"/>.
    /// </summary>
    public static async Task<IReadOnlyList<PackIndexEntry>?> TryReadAsync(IObjectStore store, Hash256 packId, CancellationToken ct)
    {
        var key = PackFormat.KeyOf(packId);
        var info = await store.TryGetInfoAsync(key, ct);
        if (info is null)
        {
            return null;
        }

        if (info.Size < PackFormat.HeaderSize + PackFormat.TrailerSize)
        {
            throw Damaged(packId, "it is shorter than a header and trailer");
        }

        var trailerWriter = new FixedBufferWriter(new byte[PackFormat.TrailerSize]);
        await store.GetRangeAsync(key, info.Size - PackFormat.TrailerSize, PackFormat.TrailerSize, trailerWriter, ct);
        var trailer = trailerWriter.Buffer;
        if (!trailer.AsSpan(40).SequenceEqual(PackFormat.TrailerMagic))
        {
            throw Damaged(packId, "its trailer is missing");
        }

        var count = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        var indexOffset = BinaryPrimitives.ReadUInt32LittleEndian(trailer.AsSpan(4));
        var indexLength = (long)count * PackFormat.IndexEntrySize;
        if (indexOffset < PackFormat.HeaderSize || indexOffset + indexLength + PackFormat.TrailerSize != info.Size)
        {
            throw Damaged(packId, "its trailer does not match its size");
        }

        var indexWriter = new FixedBufferWriter(new byte[indexLength]);
        await store.GetRangeAsync(key, indexOffset, (int)indexLength, indexWriter, ct);
        var index = indexWriter.WrittenMemory.Span;
        Span<byte> digest = stackalloc byte[Hash256.Size];
        SHA256.HashData(index, digest);
        if (!digest.SequenceEqual(trailer.AsSpan(8, 32)))
        {
            throw Damaged(packId, "its index does not match its checksum");
        }

        return Parse(index, indexOffset);
    }

    internal static List<PackIndexEntry> Parse(ReadOnlySpan<byte> index, uint indexOffset)
    {
        var entries = new List<PackIndexEntry>(index.Length / PackFormat.IndexEntrySize);
        for (var at = 0; at + PackFormat.IndexEntrySize <= index.Length; at += PackFormat.IndexEntrySize)
        {
            var e = index.Slice(at, PackFormat.IndexEntrySize);
            var entry = new PackIndexEntry(
                Hash256.Read(e),
                BinaryPrimitives.ReadUInt32LittleEndian(e[32..]),
                BinaryPrimitives.ReadUInt32LittleEndian(e[36..]),
                BinaryPrimitives.ReadUInt32LittleEndian(e[40..]),
                (BlockCompression)e[44]);
            if (entry.Offset < PackFormat.HeaderSize || (long)entry.Offset + entry.StoredLength > indexOffset)
            {
                throw new DataPathException("A pack index lists a block outside the pack's data.");
            }

            entries.Add(entry);
        }

        return entries;
    }

    private static DataPathException Damaged(Hash256 packId, string why) =>
        new($"Pack {packId} in the backup container is damaged: {why}.");
}
