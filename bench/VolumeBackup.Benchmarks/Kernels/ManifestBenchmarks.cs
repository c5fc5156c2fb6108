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
    private byte[] _lastEncoded = [];
    private Segment? _lastDecoded;

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
        CheckDecoded(SegmentCodec.Decode(_encoded, 16384));
    }

    [GlobalCleanup(Target = nameof(Memcpy))]
    public void CheckCopy() => KernelCheck.SameBytes(_encoded, _copy, "memcpy");

    /// <summary>Encoding is deterministic: the last measured encoding must be the setup's bytes, which decode to the entries.</summary>
    [GlobalCleanup(Target = nameof(EncodeSegment))]
    public void CheckEncoded() => KernelCheck.SameBytes(_encoded, _lastEncoded, "segment encode");

    [GlobalCleanup(Target = nameof(DecodeSegment))]
    public void CheckLastDecoded() => CheckDecoded(_lastDecoded);

    [Benchmark(Baseline = true)]
    public void Memcpy() => _encoded.AsSpan().CopyTo(_copy);

    [Benchmark]
    public byte[] EncodeSegment() => _lastEncoded = SegmentCodec.Encode(_entries);

    [Benchmark]
    public Segment DecodeSegment() => _lastDecoded = SegmentCodec.Decode(_encoded, 16384);

    private void CheckDecoded(Segment? segment)
    {
        KernelCheck.That(segment is not null && segment.Entries.Length == _entries.Length, "segment decode: entry count");
        for (var i = 0; i < _entries.Length; i++)
        {
            KernelCheck.That(segment!.Entries[i] == _entries[i], $"segment decode: entry {i}");
        }
    }
}
