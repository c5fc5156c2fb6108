using System.Text;

namespace VolumeBackup.ObjectStores.Swift;

/// <summary>
/// Object metadata as Swift stores it: <c>X-Object-Meta-{name}: {value}</c>. Names are letters, digits and '-' (HTTP
/// header names are case-insensitive and Swift turns '_' into '-'); values are UTF-8 without line breaks. Swift's
/// limits: 90 items, name 128 bytes, value 256 bytes, 4096 bytes in all (ext4 storage holds only about 3 KiB).
/// </summary>
internal static class SwiftMetadata
{
    public static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    public static void EnsureValid(IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null)
        {
            return;
        }

        if (metadata.Count > 90)
        {
            throw new ArgumentException($"Swift allows at most 90 metadata items, not {metadata.Count}.", nameof(metadata));
        }

        var total = 0;
        foreach (var (name, value) in metadata)
        {
            if (name.Length is 0 or > 128 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                throw new ArgumentException($"'{name}' is not a valid metadata name (letters, digits, '-'; at most 128).", nameof(metadata));
            }

            var bytes = Encoding.UTF8.GetByteCount(value);
            if (bytes > 256 || value.Any(char.IsControl))
            {
                throw new ArgumentException($"The value of metadata '{name}' is longer than 256 bytes or has control characters.", nameof(metadata));
            }

            total += name.Length + bytes;
        }

        if (total > 4096)
        {
            throw new ArgumentException($"Metadata of {total} bytes exceeds Swift's 4096.", nameof(metadata));
        }
    }
}
