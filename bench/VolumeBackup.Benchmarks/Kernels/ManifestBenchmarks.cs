using BenchmarkDotNet.Attributes;
using VolumeBackup.DataPath.Blocks;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Manifests;

namespace VolumeBackup.Benchmarks.Kernels;

/// <summary>Encoding and decoding a full 1 GiB segment (16384 entries over 128 packs), against copying its bytes.</summary>
[MemoryDiagnoser]
public class ManifestBenchmarks
{
    private readonly SegmentEntry[] _entries = new SegmentEntry[16384];
    private byte[] _encoded = [];
    private byte[] _copy = [];

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < _entries.Length; i++)
        {
            var pack = Hash256.Compute(BitConverter.GetBytes(i / 128));
            var location = new BlockLocation(pack, (uint)(8 + i % 128 * 30000), 30000, BlockCompression.Zstd);
            _entries[i] = new SegmentEntry(i, Hash256.Compute(BitConverter.GetBytes(i)), location);
        }

        _encoded = SegmentCodec.Encode(_entries);
        _copy = new byte[_encoded.Length];
    }

    [Benchmark(Baseline = true)]
    public void Memcpy() => _encoded.AsSpan().CopyTo(_copy);

    [Benchmark]
    public byte[] EncodeSegment() => SegmentCodec.Encode(_entries);

    [Benchmark]
    public Segment DecodeSegment() => SegmentCodec.Decode(_encoded, 16384);
}
