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
    private byte[] _expected = [];

    [GlobalSetup]
    public void Setup()
    {
        // FIPS 180-2's "abc" example anchors the runtime's SHA-256; the wrapper must then give the same name for the block.
        var abc = Hash256.Compute("abc"u8);
        Span<byte> name = stackalloc byte[32];
        abc.Write(name);
        KernelCheck.SameBytes(
            Convert.FromHexString("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"), name, "Hash256 of \"abc\"");
        _expected = SHA256.HashData(_block);
        Compute().Write(name);
        KernelCheck.SameBytes(_expected, name, "Hash256.Compute");
        Sha256HashData();
        KernelCheck.SameBytes(_expected, _digest, "SHA256.HashData");
        Array.Clear(_digest);
    }

    [GlobalCleanup(Target = nameof(Sha256HashData))]
    public void CheckDigest() => KernelCheck.SameBytes(_expected, _digest, "SHA256.HashData");

    [Benchmark(Baseline = true)]
    public int Sha256HashData() => SHA256.HashData(_block, _digest);

    [Benchmark]
    public Hash256 Compute() => Hash256.Compute(_block);
}
