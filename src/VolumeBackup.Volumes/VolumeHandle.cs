using Microsoft.Win32.SafeHandles;
using VolumeBackup.Platform;

namespace VolumeBackup.Volumes;

/// <summary>
/// An open volume. All byte I/O is positional (<see cref="RandomAccess"/>), so several readers or writers may use
/// one handle in parallel without locks. Writes whose buffer, offset and length are aligned to
/// <see cref="DirectWriteAlignment"/> bypass the page cache when the driver opened a direct handle.
/// </summary>
public sealed class VolumeHandle : IDisposable
{
    /// <summary>Alignment of buffer address, offset and length that lets a write bypass the page cache.</summary>
    public const int DirectWriteAlignment = DirectIo.Alignment;

    private readonly Func<SafeFileHandle, long, IEnumerable<ByteRange>> _allocatedRanges;
    private readonly SafeFileHandle? _direct;

    /// <param name="handle">The volume, opened for reading or for reading and writing.</param>
    /// <param name="length">The volume's size in bytes.</param>
    /// <param name="allocatedRanges">The driver's way of finding the ranges that may hold data.</param>
    /// <param name="direct">A second handle on the same file opened for direct writes, owned by this handle; null for none.</param>
    public VolumeHandle(
        SafeFileHandle handle, long length, Func<SafeFileHandle, long, IEnumerable<ByteRange>> allocatedRanges, SafeFileHandle? direct = null)
    {
        Handle = handle;
        Length = length;
        _allocatedRanges = allocatedRanges;
        _direct = direct;
    }

    /// <summary>Whether aligned writes bypass the page cache.</summary>
    public bool WritesDirect => _direct is not null;

    public SafeFileHandle Handle { get; }

    /// <summary>The volume's size in bytes.</summary>
    public long Length { get; }

    /// <summary>
    /// The ranges that may hold non-zero bytes, in order. Everything outside them reads as zeros, so a reader may skip it.
    /// A driver that cannot tell returns the whole volume as one range.
    /// </summary>
    public IEnumerable<ByteRange> GetAllocatedRanges() => _allocatedRanges(Handle, Length);

    public int Read(Span<byte> buffer, long offset) => RandomAccess.Read(Handle, buffer, offset);

    public ValueTask<int> ReadAsync(Memory<byte> buffer, long offset, CancellationToken ct) =>
        RandomAccess.ReadAsync(Handle, buffer, offset, ct);

    /// <summary>Writes the aligned part of <paramref name="buffer"/> directly where possible and the rest through the page cache.</summary>
    public void Write(ReadOnlySpan<byte> buffer, long offset)
    {
        var direct = _direct is not null && DirectIo.IsAligned(buffer, offset) ? DirectIo.AlignedLength(buffer.Length) : 0;
        if (direct > 0)
        {
            RandomAccess.Write(_direct!, buffer[..direct], offset);
        }

        if (direct < buffer.Length)
        {
            // The tail shares no page with the direct part (it starts on an aligned offset), so the two paths never overlap.
            RandomAccess.Write(Handle, buffer[direct..], offset + direct);
        }
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, long offset, CancellationToken ct) =>
        _direct is null ? RandomAccess.WriteAsync(Handle, buffer, offset, ct) : WriteOnThreadPoolAsync(buffer, offset, ct);

    /// <summary>Turns a range into a hole where the driver supports it, else writes zeros. Reads of it return zeros after.</summary>
    public void Zero(long offset, long length) => SparseFileOperations.ZeroRange(Handle, offset, length);

    /// <summary>Forces written bytes to stable storage.</summary>
    public void Flush() => RandomAccess.FlushToDisk(Handle);

    public void Dispose()
    {
        _direct?.Dispose();
        Handle.Dispose();
    }

    private async ValueTask WriteOnThreadPoolAsync(ReadOnlyMemory<byte> buffer, long offset, CancellationToken ct) =>
        await Task.Run(() => Write(buffer.Span, offset), ct);
}
