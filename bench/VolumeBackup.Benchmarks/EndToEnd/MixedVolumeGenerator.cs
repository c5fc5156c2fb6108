using System.Buffers.Binary;

namespace VolumeBackup.Benchmarks.EndToEnd;

/// <summary>
/// A deterministic mixed test volume: regions of 64 KiB to 64 MiB (log-uniform), about 30% zeros (half left as holes,
/// half written), 40% text-like data that zstd compresses, 30% random data. Same seed, same bytes, on any machine.
/// </summary>
internal static class MixedVolumeGenerator
{
    private const int Unit = 64 * 1024;

    public static void Generate(string path, long size, ulong seed)
    {
        using (var create = new FileStream(path, FileMode.Create, FileAccess.Write))
        {
            create.SetLength(size);
        }

        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Write);
        var rng = new SplitMix(seed);
        var vocabulary = Vocabulary(rng);
        var buffer = new byte[4 << 20];
        long offset = 0;
        while (offset < size)
        {
            var units = (long)Math.Pow(2, rng.NextDouble() * 10); // 1..1024 units = 64 KiB..64 MiB
            var length = Math.Min(units * Unit, size - offset);
            var kind = rng.NextDouble();
            if (kind < 0.15)
            {
                // a hole: nothing written
            }
            else if (kind < 0.30)
            {
                Fill(handle, offset, length, buffer, _ => Array.Clear(buffer));
            }
            else if (kind < 0.70)
            {
                Fill(handle, offset, length, buffer, n => WriteText(buffer.AsSpan(0, n), rng, vocabulary));
            }
            else
            {
                Fill(handle, offset, length, buffer, n => WriteRandom(buffer.AsSpan(0, n), rng));
            }

            offset += length;
        }
    }

    /// <summary>Overwrites <paramref name="percent"/>% of the volume with random data in 64 KiB writes at aligned random offsets.</summary>
    public static long Mutate(string path, double percent, ulong seed)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Write);
        var size = RandomAccess.GetLength(handle);
        var rng = new SplitMix(seed);
        var writes = (long)(size * percent / 100 / Unit);
        var block = new byte[Unit];
        for (long i = 0; i < writes; i++)
        {
            WriteRandom(block, rng);
            var at = (long)(rng.NextDouble() * (size / Unit)) * Unit;
            RandomAccess.Write(handle, block, at);
        }

        return writes * Unit;
    }

    private static void Fill(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long offset, long length, byte[] buffer, Action<int> produce)
    {
        while (length > 0)
        {
            var n = (int)Math.Min(length, buffer.Length);
            produce(n);
            RandomAccess.Write(handle, buffer.AsSpan(0, n), offset);
            offset += n;
            length -= n;
        }
    }

    internal static byte[][] Vocabulary(SplitMix rng)
    {
        var words = new byte[2048][];
        for (var i = 0; i < words.Length; i++)
        {
            var word = new byte[2 + (int)(rng.Next() % 9)];
            for (var j = 0; j < word.Length; j++)
            {
                word[j] = (byte)('a' + (int)(rng.Next() % 26));
            }

            words[i] = word;
        }

        return words;
    }

    /// <summary>Lines of words drawn with a skewed distribution, numbers and punctuation: compresses about like logs or text.</summary>
    internal static void WriteText(Span<byte> span, SplitMix rng, byte[][] vocabulary)
    {
        var at = 0;
        while (at < span.Length)
        {
            var r = rng.Next();
            var pick = (int)((r & 0xFFFF) * (r >> 16 & 0xFFFF) % (ulong)vocabulary.Length * ((r >> 32 & 3) + 1) / 4);
            var word = vocabulary[pick];
            var n = Math.Min(word.Length, span.Length - at);
            word.AsSpan(0, n).CopyTo(span[at..]);
            at += n;
            if (at < span.Length)
            {
                span[at++] = (r >> 40 & 15) switch { 0 => (byte)'\n', 1 => (byte)',', 2 => (byte)('0' + (int)(r >> 44 & 7)), _ => (byte)' ' };
            }
        }
    }

    internal static void WriteRandom(Span<byte> span, SplitMix rng)
    {
        var at = 0;
        for (; at + 8 <= span.Length; at += 8)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(span[at..], rng.Next());
        }

        for (; at < span.Length; at++)
        {
            span[at] = (byte)rng.Next();
        }
    }

    /// <summary>SplitMix64: a tiny, fast generator whose output is fixed by its definition (unlike System.Random's).</summary>
    internal sealed class SplitMix(ulong seed)
    {
        private ulong _state = seed;

        public ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
    }
}
