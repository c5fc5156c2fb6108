using Microsoft.Win32.SafeHandles;

namespace VolumeBackup.Volumes;

/// <summary>
/// An open volume. All byte I/O is positional (<see cref="RandomAccess"/>), so several readers or writers may use
/// one handle in parallel without locks.
/// </summary>
public sealed class VolumeHandle : IDisposable
{
    private readonly Func<SafeFileHandle, long, IEnumerable<ByteRange>> _allocatedRanges;

    public VolumeHandle(SafeFileHandle handle, long length, Func<SafeFileHandle, long, IEnumerable<ByteRange>> allocatedRanges)
    {
        Handle = handle;
        Length = length;
        _allocatedRanges = allocatedRanges;
    }

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

    public void Write(ReadOnlySpan<byte> buffer, long offset) => RandomAccess.Write(Handle, buffer, offset);

    public ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, long offset, CancellationToken ct) =>
        RandomAccess.WriteAsync(Handle, buffer, offset, ct);

    /// <summary>Turns a range into a hole where the driver supports it, else writes zeros. Reads of it return zeros after.</summary>
    public void Zero(long offset, long length) => SparseFileOperations.ZeroRange(Handle, offset, length);

    /// <summary>Forces written bytes to stable storage.</summary>
    public void Flush() => RandomAccess.FlushToDisk(Handle);

    public void Dispose() => Handle.Dispose();
}
