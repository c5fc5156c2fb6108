using Microsoft.Win32.SafeHandles;
using VolumeBackup.Platform;

namespace VolumeBackup.Volumes;

/// <summary>
/// An open volume. All byte I/O is positional (<see cref="RandomAccess"/>), so several readers or writers may use
/// one handle in parallel without locks. Writes (and, for adopted devices, reads) whose buffer, offset and length are
/// aligned to <see cref="DirectWriteAlignment"/> bypass the page cache when the driver opened direct handles.
/// </summary>
public sealed class VolumeHandle : IDisposable
{
    /// <summary>Alignment of buffer address, offset and length that lets a write bypass the page cache.</summary>
    public const int DirectWriteAlignment = DirectIo.Alignment;

    private readonly Func<SafeFileHandle, long, IEnumerable<ByteRange>> _allocatedRanges;
    private readonly SafeFileHandle? _direct;
    private readonly SafeFileHandle? _directRead;
    private readonly VolumeStorage _storage;

    /// <param name="handle">The volume, opened for reading or for reading and writing.</param>
    /// <param name="length">The volume's size in bytes.</param>
    /// <param name="allocatedRanges">The driver's way of finding the ranges that may hold data.</param>
    /// <param name="direct">A second handle on the same file opened for direct writes, owned by this handle; null for none.</param>
    /// <param name="directRead">A handle on the same file opened for direct reads, owned by this handle; null for none.</param>
    /// <param name="storage">What holds the bytes: it decides how ranges are zeroed and how the current length is read.</param>
    public VolumeHandle(
        SafeFileHandle handle,
        long length,
        Func<SafeFileHandle, long, IEnumerable<ByteRange>> allocatedRanges,
        SafeFileHandle? direct = null,
        SafeFileHandle? directRead = null,
        VolumeStorage storage = VolumeStorage.File)
    {
        Handle = handle;
        Length = length;
        _allocatedRanges = allocatedRanges;
        _direct = direct;
        _directRead = directRead;
        _storage = storage;
    }

    /// <summary>Whether aligned writes bypass the page cache.</summary>
    public bool WritesDirect => _direct is not null;

    /// <summary>Whether aligned reads bypass the page cache.</summary>
    public bool ReadsDirect => _directRead is not null;

    /// <summary>What holds the volume's bytes.</summary>
    public VolumeStorage Storage => _storage;

    public SafeFileHandle Handle { get; }

    /// <summary>The volume's size in bytes.</summary>
    public long Length { get; }

    /// <summary>
    /// The ranges that may hold non-zero bytes, in order. Everything outside them reads as zeros, so a reader may skip it.
    /// A driver that cannot tell returns the whole volume as one range.
    /// </summary>
    public IEnumerable<ByteRange> GetAllocatedRanges() => _allocatedRanges(Handle, Length);

    /// <summary>The volume's length now (a file may have been cut short since it was opened; a device's size is fixed).</summary>
    public long CurrentLength() =>
        _storage == VolumeStorage.BlockDevice ? BlockDevices.SizeOf(Handle, "the volume") : RandomAccess.GetLength(Handle);

    /// <summary>
    /// Reads into <paramref name="buffer"/>. With a direct handle and an aligned buffer and offset, only the aligned
    /// leading part is read (direct); the caller's next read (of the short tail) goes through the page cache. A read
    /// may return fewer bytes than asked, as every positional read may.
    /// </summary>
    public int Read(Span<byte> buffer, long offset)
    {
        var direct = DirectLength(buffer, offset);
        return direct > 0 ? RandomAccess.Read(_directRead!, buffer[..direct], offset) : RandomAccess.Read(Handle, buffer, offset);
    }

    /// <inheritdoc cref="Read"/>
    public ValueTask<int> ReadAsync(Memory<byte> buffer, long offset, CancellationToken ct)
    {
        var direct = DirectLength(buffer.Span, offset);
        return direct > 0
            ? RandomAccess.ReadAsync(_directRead!, buffer[..direct], offset, ct)
            : RandomAccess.ReadAsync(Handle, buffer, offset, ct);
    }

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

    /// <summary>
    /// Makes a range read as zeros: a file gets a hole where the file system supports it, a block device is asked to
    /// zero or unmap the range itself (<see cref="BlockDevices.Zero"/>); else zeros are written.
    /// </summary>
    public void Zero(long offset, long length)
    {
        if (_storage == VolumeStorage.BlockDevice)
        {
            BlockDevices.Zero(Handle, offset, length);
        }
        else
        {
            SparseFileOperations.ZeroRange(Handle, offset, length);
        }
    }

    /// <summary>Forces written bytes to stable storage.</summary>
    public void Flush() => RandomAccess.FlushToDisk(Handle);

    public void Dispose()
    {
        _direct?.Dispose();
        _directRead?.Dispose();
        Handle.Dispose();
    }

    private int DirectLength(ReadOnlySpan<byte> buffer, long offset) =>
        _directRead is not null && DirectIo.IsAligned(buffer, offset) ? DirectIo.AlignedLength(buffer.Length) : 0;

    private async ValueTask WriteOnThreadPoolAsync(ReadOnlyMemory<byte> buffer, long offset, CancellationToken ct) =>
        await Task.Run(() => Write(buffer.Span, offset), ct);
}
