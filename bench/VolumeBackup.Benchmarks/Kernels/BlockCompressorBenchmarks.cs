using BenchmarkDotNet.Attributes;
using VolumeBackup.Benchmarks.EndToEnd;
using VolumeBackup.DataPath.Blocks;
using VolumeBackup.DataPath.Compression;

namespace VolumeBackup.Benchmarks.Kernels;

/// <summary>zstd level 1 on the e2e volume's kinds of data, against a memcpy of the same 64 KiB.</summary>
[MemoryDiagnoser]
public class BlockCompressorBenchmarks : IDisposable
{
    private readonly BlockCompressor _compressor = new(1);
    private readonly BlockDecompressor _decompressor = new();
    private readonly byte[] _output = new byte[65536];
    private readonly byte[] _plain = new byte[65536];
    private byte[] _block = [];
    private byte[] _stored = [];
    private int _storedLength;
    private BlockCompression _kind;

    [Params("text", "random")]
    public string Data { get; set; } = "text";

    [GlobalSetup]
    public void Setup()
    {
        _block = Data == "text" ? SampleData.Text(65536) : SampleData.Random(65536);
        _stored = new byte[65536];
        _kind = _compressor.TryCompress(_block, _stored, out _storedLength);
        if (_kind == BlockCompression.None)
        {
            _block.CopyTo(_stored, 0);
            _storedLength = _block.Length;
        }
    }

    [Benchmark(Baseline = true)]
    public void Memcpy() => _block.AsSpan().CopyTo(_output);

    [Benchmark]
    public BlockCompression Compress() => _compressor.TryCompress(_block, _output, out _);

    [Benchmark]
    public int Decode() => _decompressor.TryDecode(_stored.AsSpan(0, _storedLength), _kind, _plain);

    public void Dispose()
    {
        _compressor.Dispose();
        _decompressor.Dispose();
        GC.SuppressFinalize(this);
    }
}
