using BenchmarkDotNet.Attributes;
using VolumeBackup.DataPath.Blocks;

namespace VolumeBackup.Benchmarks.Kernels;

/// <summary>Zero check of a 64 KiB block against copying it: the check should run at memory speed.</summary>
[MemoryDiagnoser]
public class ZeroBlockBenchmarks
{
    private readonly byte[] _zeros = new byte[65536];
    private readonly byte[] _copy = new byte[65536];

    [Benchmark(Baseline = true)]
    public void Memcpy() => _zeros.AsSpan().CopyTo(_copy);

    [Benchmark]
    public bool IsAllZero() => ZeroBlock.IsAllZero(_zeros);
}
