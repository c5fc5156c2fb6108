using System.Buffers;

namespace VolumeBackup.DataPath.Buffers;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over one pooled array that never grows: object reads land in a fixed buffer, and a
/// store that tries to write more than it may fails loudly instead of allocating.
/// </summary>
internal sealed class FixedBufferWriter(byte[] buffer) : IBufferWriter<byte>
{
    public int WrittenCount { get; private set; }

    public byte[] Buffer { get; } = buffer;

    public ReadOnlyMemory<byte> WrittenMemory => Buffer.AsMemory(0, WrittenCount);

    public void Reset() => WrittenCount = 0;

    public void Advance(int count)
    {
        if (count < 0 || WrittenCount + count > Buffer.Length)
        {
            throw new InvalidOperationException("Advanced past the end of a fixed buffer.");
        }

        WrittenCount += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureRoom(sizeHint);
        return Buffer.AsMemory(WrittenCount);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureRoom(sizeHint);
        return Buffer.AsSpan(WrittenCount);
    }

    private void EnsureRoom(int sizeHint)
    {
        if (Buffer.Length - WrittenCount < Math.Max(sizeHint, 1))
        {
            throw new InvalidOperationException($"A fixed buffer of {Buffer.Length} bytes is full.");
        }
    }
}
