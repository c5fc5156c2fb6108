using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace VolumeBackup.DataPath.Hashing;

/// <summary>
/// A SHA-256 digest as a value: block names, segment names and pack ids. Four machine words, so equality and
/// dictionary lookups cost a few instructions instead of a span compare.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Hash256 : IEquatable<Hash256>
{
    public const int Size = 32;

    private readonly ulong _w0;
    private readonly ulong _w1;
    private readonly ulong _w2;
    private readonly ulong _w3;

    /// <summary>SHA-256 of <paramref name="data"/> (the runtime's implementation: SHA-NI through OpenSSL where present).</summary>
    public static Hash256 Compute(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[Size];
        SHA256.HashData(data, digest);
        return Read(digest);
    }

    public static Hash256 Read(ReadOnlySpan<byte> source) => MemoryMarshal.Read<Hash256>(source[..Size]);

    public void Write(Span<byte> destination) => MemoryMarshal.Write(destination[..Size], in this);

    /// <summary>Parses 64 hex digits (either case).</summary>
    public static Hash256 Parse(string hex)
    {
        if (!TryParse(hex, out var value))
        {
            throw new FormatException($"'{hex}' is not a SHA-256 digest in hex.");
        }

        return value;
    }

    public static bool TryParse(string? hex, out Hash256 value)
    {
        value = default;
        if (hex is null || hex.Length != Size * 2)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Size];
        if (Convert.FromHexString(hex, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != Size)
        {
            return false;
        }

        value = Read(bytes);
        return true;
    }

    /// <summary>The first eight bytes as a number: enough to count distinct packs without holding whole ids.</summary>
    public ulong Prefix => _w0;

    /// <summary>64 lower-case hex digits, as used in object keys.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        Write(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    public bool Equals(Hash256 other) => _w0 == other._w0 && _w1 == other._w1 && _w2 == other._w2 && _w3 == other._w3;

    public override bool Equals(object? obj) => obj is Hash256 other && Equals(other);

    // The digest is uniformly distributed already: its first word is a good hash code.
    public override int GetHashCode() => (int)_w0;

    public static bool operator ==(Hash256 left, Hash256 right) => left.Equals(right);

    public static bool operator !=(Hash256 left, Hash256 right) => !left.Equals(right);
}
