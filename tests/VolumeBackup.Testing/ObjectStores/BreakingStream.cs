namespace VolumeBackup.Testing.ObjectStores;

/// <summary>Reads through to an inner stream and fails like a reset connection once <c>limit</c> bytes have passed.</summary>
internal sealed class BreakingStream(Stream inner, long limit) : Stream
{
    private long _passed;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _passed; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer[..Allowed(buffer.Length)]);
        _passed += n;
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken);
        _passed += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Allowed(int wanted)
    {
        if (_passed >= limit)
        {
            throw new IOException("Injected fault: connection reset by peer in the middle of the body.");
        }

        return (int)Math.Min(wanted, limit - _passed);
    }
}
