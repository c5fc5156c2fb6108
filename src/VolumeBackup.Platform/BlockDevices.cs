using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace VolumeBackup.Platform;

/// <summary>How <see cref="BlockDevices.Zero"/> zeroed a range.</summary>
public enum ZeroMethod
{
    /// <summary>The device unmapped the range or wrote zeros itself (write-zeroes with unmap): no data crossed the bus.</summary>
    Unmapped,

    /// <summary>The kernel zeroed it (write-zeroes, or zero pages it wrote itself): no copy from this process.</summary>
    KernelZeroed,

    /// <summary>This process wrote zeros (the device or kernel refused both above, or the range was not aligned to sectors).</summary>
    Written,
}

/// <summary>
/// Linux calls for block devices that .NET lacks: their size (fstat says 0 for them), zeroing ranges without writing
/// zeros from user space, and the exclusive open that tells whether something else holds the device.
/// </summary>
public static partial class BlockDevices
{
    private const int SeekEnd = 2;
    private const int ReadOnly = 0;
    private const int Exclusive = 0x80;
    private const int CloseOnExec = 0x80000;
    private const int FallocKeepSize = 0x01;
    private const int FallocPunchHole = 0x02;
    private const int FallocZeroRange = 0x10;

    /// <summary>EBUSY: what an exclusive open of a mounted or otherwise claimed block device answers.</summary>
    public const int Busy = 16;

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    private static partial long LSeek(SafeFileHandle fd, long offset, int whence);

    [LibraryImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    private static partial int FAllocate(SafeFileHandle fd, int mode, long offset, long length);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    /// <summary>The device's size in bytes, by seeking to its end (pread/pwrite ignore the file offset, so this is harmless).</summary>
    public static long SizeOf(SafeFileHandle device, string path)
    {
        var end = LSeek(device, 0, SeekEnd);
        return end >= 0 ? end : throw FileNodes.Failure("lseek", path);
    }

    /// <summary>
    /// Opens <paramref name="path"/> with O_EXCL and closes it again: 0 when nothing holds the device, else the errno
    /// (<see cref="Busy"/> when it is mounted, part of a RAID or device-mapper target, a swap area, or opened exclusively
    /// by another program). For a block device only: O_EXCL without O_CREAT means nothing for a regular file.
    /// </summary>
    public static int TryOpenExclusively(string path)
    {
        var fd = Open(path, ReadOnly | Exclusive | CloseOnExec);
        if (fd < 0)
        {
            return Marshal.GetLastPInvokeError();
        }

        _ = Close(fd);
        return 0;
    }

    /// <summary>
    /// Makes <paramref name="length"/> bytes at <paramref name="offset"/> read as zeros: first write-zeroes with unmap
    /// (fallocate PUNCH_HOLE|KEEP_SIZE; a loop device punches its backing file, a thin device frees its blocks), then
    /// write-zeroes without it (ZERO_RANGE, which the kernel completes itself where the device has no such command),
    /// then plain writes of zeros. Each fallocate mode is tried and its refusal (EOPNOTSUPP, or EINVAL for a range not
    /// aligned to the device's sectors) leads to the next, so the result is checked, never assumed.
    /// </summary>
    public static ZeroMethod Zero(SafeFileHandle device, long offset, long length)
    {
        if (length <= 0)
        {
            return ZeroMethod.Unmapped;
        }

        if (OperatingSystem.IsLinux())
        {
            if (FAllocate(device, FallocPunchHole | FallocKeepSize, offset, length) == 0)
            {
                return ZeroMethod.Unmapped;
            }

            if (FAllocate(device, FallocZeroRange | FallocKeepSize, offset, length) == 0)
            {
                return ZeroMethod.KernelZeroed;
            }
        }

        WriteZeros(device, offset, length);
        return ZeroMethod.Written;
    }

    /// <summary>Writes zeros over the range through <paramref name="handle"/> (a device or a file), 1 MiB at a time.</summary>
    public static void WriteZeros(SafeFileHandle handle, long offset, long length)
    {
        var zeros = new byte[(int)Math.Min(Math.Max(length, 1), 1 << 20)];
        while (length > 0)
        {
            var n = (int)Math.Min(length, zeros.Length);
            RandomAccess.Write(handle, zeros.AsSpan(0, n), offset);
            offset += n;
            length -= n;
        }
    }
}
