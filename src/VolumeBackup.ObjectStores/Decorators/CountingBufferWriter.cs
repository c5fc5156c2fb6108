using System.Buffers;

namespace VolumeBackup.ObjectStores.Decorators;

/// <summary>Passes writes through and counts them, so a retry can tell whether a failed read appended anything.</summary>
internal sealed class CountingBufferWriter(IBufferWriter<byte> inner) : IBufferWriter<byte>
{
    public long Written { get; private set; }

    public void Advance(int count)
    {
        inner.Advance(count);
        Written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);
}
