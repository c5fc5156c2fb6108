using BenchmarkDotNet.Attributes;
using VolumeBackup.Benchmarks.EndToEnd;
using VolumeBackup.DataPath.Blocks;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Packs;

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

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < Blocks; i++)
        {
            _hashes[i] = Hash256.Compute(_data.AsSpan(i * 65536, 65536));
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

        return _writer.Seal();
    }
}
