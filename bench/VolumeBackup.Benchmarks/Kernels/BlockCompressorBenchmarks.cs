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
    private int _outputLength;
    private BlockCompression _kind;
    private BlockCompression _outputKind;

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

        KernelCheck.That(Decode() == _block.Length, "decode length");
        KernelCheck.SameBytes(_block, _plain, "compress then decode");
        Array.Clear(_plain);
    }

    [GlobalCleanup(Target = nameof(Memcpy))]
    public void CheckCopy() => KernelCheck.SameBytes(_block, _output, "memcpy");

    /// <summary>The last measured compression must decode back to the block.</summary>
    [GlobalCleanup(Target = nameof(Compress))]
    public void CheckCompressed()
    {
        var plain = new byte[65536];
        var stored = _outputKind == BlockCompression.None ? _block : _output.AsSpan(0, _outputLength).ToArray();
        KernelCheck.That(_decompressor.TryDecode(stored, _outputKind, plain) == _block.Length, "decode length");
        KernelCheck.SameBytes(_block, plain, "compress");
    }

    [GlobalCleanup(Target = nameof(Decode))]
    public void CheckDecoded() => KernelCheck.SameBytes(_block, _plain, "decode");

    [Benchmark(Baseline = true)]
    public void Memcpy() => _block.AsSpan().CopyTo(_output);

    [Benchmark]
    public BlockCompression Compress() => _outputKind = _compressor.TryCompress(_block, _output, out _outputLength);

    [Benchmark]
    public int Decode() => _decompressor.TryDecode(_stored.AsSpan(0, _storedLength), _kind, _plain);

    public void Dispose()
    {
        _compressor.Dispose();
        _decompressor.Dispose();
        GC.SuppressFinalize(this);
    }
}
