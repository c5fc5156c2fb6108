using System.Runtime.InteropServices;

namespace VolumeBackup.DataPath.Buffers;

/// <summary>
/// A pinned buffer whose first byte sits on an <c>alignment</c> boundary, as direct (page-cache-bypassing) writes require.
/// Pinned on the pinned object heap, so its address never moves and the GC never has to work around it.
/// </summary>
internal sealed class AlignedBuffer
{
    private readonly byte[] _array;
    private readonly int _start;

    public AlignedBuffer(int length, int alignment)
    {
        _array = GC.AllocateUninitializedArray<byte>(length + alignment, pinned: true);
        // Objects on the pinned heap never move, so the address read through a short-lived handle stays true.
        var handle = GCHandle.Alloc(_array, GCHandleType.Pinned);
        var address = handle.AddrOfPinnedObject();
        handle.Free();
        _start = (int)((alignment - (address & (alignment - 1))) & (alignment - 1));
        Length = length;
    }

    public int Length { get; }

    public Span<byte> Span => _array.AsSpan(_start, Length);

    public Memory<byte> Memory => _array.AsMemory(_start, Length);
}
