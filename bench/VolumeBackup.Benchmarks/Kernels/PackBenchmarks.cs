using BenchmarkDotNet.Attributes;
using VolumeBackup.Benchmarks.EndToEnd;
using VolumeBackup.DataPath.Blocks;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Packs;
using VolumeBackup.ObjectStores.Filesystem;

namespace VolumeBackup.Benchmarks.Kernels;

/// <summary>Filling and sealing one 8 MiB pack of 128 raw blocks, against copying the same bytes.</summary>
[MemoryDiagnoser]
public class PackBenchmarks
{
    private const int Blocks = 128;
    private readonly byte[] _data = SampleData.Random(Blocks * 65536);
    private readonly byte[] _buffer = new byte[PackWriter.BufferSizeFor(8 << 20, 65536)];
    private readonly Hash256[] _hashes = new Hash256[Blocks];
    private readonly PackWriter _writer = new();
    private int _length;

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < Blocks; i++)
        {
            _hashes[i] = Hash256.Compute(_data.AsSpan(i * 65536, 65536));
        }

        AppendAndSeal();
        CheckPack();
        Array.Clear(_buffer);
    }

    [GlobalCleanup(Target = nameof(Memcpy))]
    public void CheckCopy() => KernelCheck.SameBytes(_data, _buffer.AsSpan(PackFormat.HeaderSize, _data.Length), "memcpy");

    /// <summary>
    /// The last sealed pack, read back as a restore reads it: through a filesystem store and PackIndexReader (trailer,
    /// index checksum), then every block's bytes at the offset its index entry names.
    /// </summary>
    [GlobalCleanup(Target = nameof(AppendAndSeal))]
    public void CheckPack()
    {
        var directory = Directory.CreateTempSubdirectory("vb-pack-bench-");
        try
        {
            var store = new FilesystemObjectStore(directory.FullName, "bench");
            store.EnsureContainerAsync(CancellationToken.None).GetAwaiter().GetResult();
            var packId = _hashes[0];
            store.PutAsync(PackFormat.KeyOf(packId), _buffer.AsMemory(0, _length), null, CancellationToken.None).GetAwaiter().GetResult();
            var entries = PackIndexReader.TryReadAsync(store, packId, CancellationToken.None).GetAwaiter().GetResult();
            KernelCheck.That(entries is { Count: Blocks }, "pack index entry count");
            for (var i = 0; i < Blocks; i++)
            {
                var e = entries![i];
                KernelCheck.That(e.Hash == _hashes[i] && e.PlainLength == 65536 && e.StoredLength == 65536, $"pack index entry {i}");
                KernelCheck.SameBytes(_data.AsSpan(i * 65536, 65536), _buffer.AsSpan((int)e.Offset, 65536), $"pack block {i}");
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Benchmark(Baseline = true)]
    public void Memcpy() => _data.AsSpan().CopyTo(_buffer.AsSpan(PackFormat.HeaderSize));

    [Benchmark]
    public int AppendAndSeal()
    {
        _writer.Start(_hashes[0], _buffer);
        for (var i = 0; i < Blocks; i++)
        {
            _writer.Append(_hashes[i], _data.AsSpan(i * 65536, 65536), 65536, BlockCompression.None);
        }

        return _length = _writer.Seal();
    }
}
