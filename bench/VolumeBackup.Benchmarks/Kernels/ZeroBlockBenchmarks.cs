using BenchmarkDotNet.Attributes;
using VolumeBackup.DataPath.Blocks;

namespace VolumeBackup.Benchmarks.Kernels;

/// <summary>Zero check of a 64 KiB block against copying it: the check should run at memory speed.</summary>
[MemoryDiagnoser]
public class ZeroBlockBenchmarks
{
    private readonly byte[] _zeros = new byte[65536];
    private readonly byte[] _copy = new byte[65536];

    [GlobalSetup]
    public void Setup()
    {
        KernelCheck.That(IsAllZero(), "IsAllZero of zeros");
        foreach (var at in new[] { 0, 31, 32768, 65535 })
        {
            var block = new byte[65536];
            block[at] = 1;
            KernelCheck.That(!ZeroBlock.IsAllZero(block), $"IsAllZero of a block with byte {at} set");
        }

        Array.Fill(_copy, (byte)0xff);
    }

    [GlobalCleanup(Target = nameof(Memcpy))]
    public void CheckCopy() => KernelCheck.SameBytes(_zeros, _copy, "memcpy");

    [Benchmark(Baseline = true)]
    public void Memcpy() => _zeros.AsSpan().CopyTo(_copy);

    [Benchmark]
    public bool IsAllZero() => ZeroBlock.IsAllZero(_zeros);
}
