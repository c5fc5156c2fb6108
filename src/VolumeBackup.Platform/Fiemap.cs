using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace VolumeBackup.Platform;

/// <summary>One extent of a file's map: <see cref="Length"/> bytes at <see cref="Logical"/> in the file, stored at
/// <see cref="Physical"/> on the device, with the kernel's FIEMAP_EXTENT_* <see cref="Flags"/>.</summary>
public readonly record struct FileExtent(long Logical, long Physical, long Length, FiemapExtentBits Flags)
{
    public long End => Logical + Length;
}

/// <summary>The FIEMAP_EXTENT_* flags (linux/fiemap.h).</summary>
[Flags]
public enum FiemapExtentBits : uint
{
    None = 0,
    Last = 0x1,
    Unknown = 0x2,
    Delalloc = 0x4,
    Encoded = 0x8,
    DataEncrypted = 0x80,
    NotAligned = 0x100,
    DataInline = 0x200,
    DataTail = 0x400,
    Unwritten = 0x800,
    Merged = 0x1000,
    Shared = 0x2000,
}

/// <summary>
/// A file's extent map through the Linux FS_IOC_FIEMAP ioctl: which byte ranges hold data and where on the device.
/// Two reflink clones of one file share the physical extents of every range written in neither since the clone.
/// </summary>
public static partial class Fiemap
{
    // _IOWR('f', 11, struct fiemap), struct fiemap being 32 bytes.
    private const uint FsIocFiemap = 0xC020660B;
    private const uint FlagSync = 0x1;
    private const int HeaderBytes = 32;
    private const int ExtentBytes = 56;
    private const int ExtentsPerCall = 1024;

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static unsafe partial int Ioctl(SafeFileHandle handle, nuint request, byte* argument);

    /// <summary>
    /// The extents of <paramref name="handle"/>'s file in logical order, read ExtentsPerCall at a time until the kernel
    /// flags the last one. Dirty pages are written first (FIEMAP_FLAG_SYNC), so no extent is left delayed-allocated.
    /// Throws <see cref="IOException"/> (HResult = errno) when the file system or file cannot map (ext4 can; tmpfs,
    /// block devices and some FUSE file systems cannot).
    /// </summary>
    public static IEnumerable<FileExtent> Extents(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new IOException("FIEMAP needs Linux.", 95);
        }

        var buffer = new byte[HeaderBytes + (ExtentsPerCall * ExtentBytes)];
        long start = 0;
        while (true)
        {
            var count = Map(handle, buffer, start);
            if (count == 0)
            {
                yield break; // nothing past start: the rest of the file is a hole
            }

            FileExtent last = default;
            for (var i = 0; i < count; i++)
            {
                last = Read(buffer.AsSpan(HeaderBytes + (i * ExtentBytes), ExtentBytes));
                yield return last;
            }

            if ((last.Flags & FiemapExtentBits.Last) != 0 || last.End <= start)
            {
                yield break;
            }

            start = last.End;
        }
    }

    private static unsafe int Map(SafeFileHandle handle, byte[] buffer, long start)
    {
        Array.Clear(buffer, 0, HeaderBytes);
        var header = buffer.AsSpan(0, HeaderBytes);
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)start); // fm_start
        BinaryPrimitives.WriteUInt64LittleEndian(header[8..], ulong.MaxValue - (ulong)start); // fm_length: to the end
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], FlagSync); // fm_flags
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], ExtentsPerCall); // fm_extent_count
        int result;
        fixed (byte* p = buffer)
        {
            result = Ioctl(handle, FsIocFiemap, p);
        }

        if (result != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"FIEMAP failed with errno {errno}.", errno);
        }

        return (int)BinaryPrimitives.ReadUInt32LittleEndian(header[20..]); // fm_mapped_extents
    }

    private static FileExtent Read(ReadOnlySpan<byte> e) => new(
        (long)BinaryPrimitives.ReadUInt64LittleEndian(e),
        (long)BinaryPrimitives.ReadUInt64LittleEndian(e[8..]),
        (long)BinaryPrimitives.ReadUInt64LittleEndian(e[16..]),
        (FiemapExtentBits)BinaryPrimitives.ReadUInt32LittleEndian(e[40..]));
}
