using System.Text;
using VolumeBackup.DataPath.Hashing;

namespace VolumeBackup.DataPath.Packs;

/// <summary>
/// The byte layout of a pack (docs/backup-format.md). All integers little-endian.
/// <code>
/// header  : "VBPK" u16 version=1 u16 reserved=0                                   (8 bytes)
/// blocks  : stored block bytes, back to back
/// index   : per block: hash[32] u32 offset u32 stored_length u32 plain_length u8 compression   (45 bytes each)
/// trailer : u32 entry_count u32 index_offset sha256(index)[32] "VBPE"              (44 bytes)
/// </code>
/// </summary>
public static class PackFormat
{
    public const ushort Version = 1;
    public const int HeaderSize = 8;
    public const int IndexEntrySize = Hash256.Size + 4 + 4 + 4 + 1;
    public const int TrailerSize = 4 + 4 + Hash256.Size + 4;

    public static ReadOnlySpan<byte> HeaderMagic => "VBPK"u8;

    public static ReadOnlySpan<byte> TrailerMagic => "VBPE"u8;

    /// <summary>Where packs live in a container; listing it lists every pack.</summary>
    public const string Prefix = "packs/";

    /// <summary>The object key of a pack: <c>packs/&lt;first 2 hex&gt;/&lt;id&gt;</c>, spreading packs over 256 prefixes.</summary>
    public static string KeyOf(Hash256 packId)
    {
        var hex = packId.ToString();
        return $"{Prefix}{hex[..2]}/{hex}";
    }

    /// <summary>The pack id a key under <see cref="Prefix"/> names; false for any other object found there.</summary>
    public static bool TryParseKey(string key, out Hash256 packId) => Hash256.TryParse(key[(key.LastIndexOf('/') + 1)..], out packId);

    /// <summary>
    /// A pack's id is derived from the backup that writes it and its sequence number in that backup, so a resumed backup
    /// (same id) can find the packs that landed before a crash without listing the container.
    /// </summary>
    public static Hash256 IdOf(string backupId, long sequence) =>
        Hash256.Compute(Encoding.UTF8.GetBytes($"pack\n{backupId}\n{sequence}"));
}
