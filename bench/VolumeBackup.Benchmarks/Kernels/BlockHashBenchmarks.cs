using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using VolumeBackup.Benchmarks.EndToEnd;
using VolumeBackup.DataPath.Hashing;

namespace VolumeBackup.Benchmarks.Kernels;

/// <summary>Block naming against the runtime's raw SHA256.HashData: the wrapper must cost nothing.</summary>
[MemoryDiagnoser]
public class BlockHashBenchmarks
{
    private readonly byte[] _block = SampleData.Random(65536);
    private readonly byte[] _digest = new byte[32];

    [Benchmark(Baseline = true)]
    public int Sha256HashData() => SHA256.HashData(_block, _digest);

    [Benchmark]
    public Hash256 Compute() => Hash256.Compute(_block);
}
