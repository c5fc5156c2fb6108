using System.Security.Cryptography;
using VolumeBackup.Volumes;
using VolumeBackup.Volumes.SparseFile;

namespace VolumeBackup.Testing.DataPath;

/// <summary>A sparse file used as a volume in data path tests: created at a size, written at offsets, compared by content.</summary>
public sealed class VolumeFile(string path)
{
    public string Path { get; } = path;

    public static VolumeFile Create(string path, long length)
    {
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write))
        {
            stream.SetLength(length);
        }

        return new VolumeFile(path);
    }

    public VolumeHandle Open(bool writable = false) =>
        SparseFileVolumeDriver.OpenFile(Path, writable ? VolumeAccess.ReadWrite : VolumeAccess.Read);

    public void Write(long offset, ReadOnlySpan<byte> data)
    {
        using var handle = File.OpenHandle(Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        RandomAccess.Write(handle, data, offset);
    }

    /// <summary>Deterministic pseudo-random bytes (incompressible).</summary>
    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Deterministic text-like bytes (compressible).</summary>
    public static byte[] TextBytes(int length, int seed)
    {
        var words = new[] { "volume ", "backup ", "block ", "segment ", "pack ", "restore ", "zstd ", "hash\n", "0123 ", "swift " };
        var random = new Random(seed);
        var bytes = new byte[length];
        var at = 0;
        while (at < length)
        {
            var word = words[random.Next(words.Length)];
            for (var i = 0; i < word.Length && at < length; i++)
            {
                bytes[at++] = (byte)word[i];
            }
        }

        return bytes;
    }

    public string Sha256() => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path)));

    /// <summary>SHA-256 of the first <paramref name="length"/> bytes.</summary>
    public string Sha256(long length)
    {
        using var stream = File.OpenRead(Path);
        var buffer = new byte[length];
        stream.ReadExactly(buffer);
        return Convert.ToHexStringLower(SHA256.HashData(buffer));
    }
}
