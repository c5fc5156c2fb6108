using System.Buffers;
using VolumeBackup.Testing.DataPath;

namespace VolumeBackup.EndToEndTests.Swift;

/// <summary>Known bytes written into a volume's device, and a byte-for-byte comparison of two devices.</summary>
internal static class VolumeBytes
{
    /// <summary>Random (incompressible) data at the start, text in the middle, a few bytes in the last block.</summary>
    public static void WriteKnown(string devicePath, int seed, int randomMiB = 10)
    {
        var volume = new VolumeFile(devicePath);
        var length = new FileInfo(devicePath).Length;
        volume.Write(4096, VolumeFile.RandomBytes(randomMiB << 20, seed));
        volume.Write(length / 2, VolumeFile.TextBytes(3 << 20, seed + 1));
        volume.Write(length - 100, VolumeFile.RandomBytes(100, seed + 2));
    }

    /// <summary>Fails with the first differing offset unless both files hold the same bytes (the whole length).</summary>
    public static void AssertSame(string expectedPath, string actualPath)
    {
        using var expected = File.OpenRead(expectedPath);
        using var actual = File.OpenRead(actualPath);
        Assert.Equal(expected.Length, actual.Length);
        var a = ArrayPool<byte>.Shared.Rent(1 << 20);
        var b = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            long offset = 0;
            int read;
            while ((read = expected.Read(a, 0, 1 << 20)) > 0)
            {
                actual.ReadExactly(b, 0, read);
                if (!a.AsSpan(0, read).SequenceEqual(b.AsSpan(0, read)))
                {
                    var at = offset + a.AsSpan(0, read).CommonPrefixLength(b.AsSpan(0, read));
                    Assert.Fail($"The restored volume differs from the original at byte {at}.");
                }

                offset += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(a);
            ArrayPool<byte>.Shared.Return(b);
        }
    }
}
