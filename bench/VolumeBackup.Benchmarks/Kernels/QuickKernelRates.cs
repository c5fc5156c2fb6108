using System.Diagnostics;
using System.Globalization;
using VolumeBackup.Benchmarks.EndToEnd;
using VolumeBackup.DataPath.Blocks;
using VolumeBackup.DataPath.Compression;
using VolumeBackup.DataPath.Hashing;

namespace VolumeBackup.Benchmarks.Kernels;

/// <summary>
/// A few seconds' look at each kernel's single-core MB/s on the e2e data ("e2e kernels"); BenchmarkDotNet has the careful figures.
/// </summary>
internal static class QuickKernelRates
{
    public static void Run()
    {
        const int size = 64 << 20;
        var text = SampleData.Text(size);
        var random = SampleData.Random(size);
        var output = new byte[65536];
        using var compressor = new BlockCompressor(1);
        using var decompressor = new BlockDecompressor();
        Measure("sha256", text, b => Hash256.Compute(b));
        Measure("zero-check", new byte[size], b => ZeroBlock.IsAllZero(b));
        Measure("zstd1-text", text, b => compressor.TryCompress(b, output, out _));
        Measure("zstd1-random", random, b => compressor.TryCompress(b, output, out _));
        var stored = new byte[65536];
        var kind = compressor.TryCompress(text.AsSpan(0, 65536), stored, out var written);
        var plain = new byte[65536];
        Measure("unzstd-text", text, _ => decompressor.TryDecode(stored.AsSpan(0, written), kind, plain));
        KernelCheck.SameBytes(text.AsSpan(0, 65536), plain, "zstd1-text round trip"); // the rates above are of right output
        KernelCheck.SameBytes(System.Security.Cryptography.SHA256.HashData(text.AsSpan(0, 65536)), HashBytes(text.AsSpan(0, 65536)), "sha256");
        KernelCheck.That(ZeroBlock.IsAllZero(new byte[65536]) && !ZeroBlock.IsAllZero(text.AsSpan(0, 65536)), "zero-check");
        foreach (var level in new[] { -5, -3, -1, 1, 3 })
        {
            using var c = new BlockCompressor(level);
            var total = 0L;
            var watch = Stopwatch.StartNew();
            for (var at = 0; at < size; at += 65536)
            {
                c.TryCompress(text.AsSpan(at, 65536), output, out var n);
                total += n;
            }

            Console.WriteLine(FormattableString.Invariant(
                $"zstd{level}-text_mb_per_s={size / 1e6 / watch.Elapsed.TotalSeconds:F0} ratio={(double)size / total:F2}"));
        }

        var ratio = 0L;
        for (var at = 0; at < size; at += 65536)
        {
            compressor.TryCompress(text.AsSpan(at, 65536), output, out var n);
            ratio += n;
        }

        Console.WriteLine(FormattableString.Invariant($"text_compression_ratio={(double)size / ratio:F2}"));
    }

    private static byte[] HashBytes(ReadOnlySpan<byte> block)
    {
        var name = new byte[32];
        Hash256.Compute(block).Write(name);
        return name;
    }

    private delegate void Kernel(ReadOnlySpan<byte> block);

    private static void Measure(string name, byte[] data, Kernel kernel)
    {
        var watch = Stopwatch.StartNew();
        for (var at = 0; at < data.Length; at += 65536)
        {
            kernel(data.AsSpan(at, 65536));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}_mb_per_s={data.Length / 1e6 / watch.Elapsed.TotalSeconds:F0}"));
    }
}
