using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace VolumeBackup.Platform;

/// <summary>
/// Writes that bypass the page cache (Linux O_DIRECT). Backups and restores write gigabytes that the host will not read
/// soon: through the page cache the kernel copies every byte once more, writes it back later and evicts the host's hot
/// data to make room. On a 2-core node that copy cost as much CPU as decompressing the data. Direct writes go from the
/// caller's buffer to the device, which requires <see cref="Alignment"/>; unaligned bytes take the ordinary path.
/// </summary>
public static partial class DirectIo
{
    /// <summary>Offsets, lengths and buffer addresses of direct writes are multiples of this: the largest logical
    /// block size of common devices, so it suits files and block devices alike.</summary>
    public const int Alignment = 4096;

    private const int FGetFl = 3;
    private const int FSetFl = 4;

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(SafeFileHandle fd, int command, int argument);

    /// <summary>
    /// Opens a second handle on <paramref name="path"/> for direct writes, or returns null where the platform or the file
    /// system does not offer them (then the caller writes through its ordinary handle).
    /// </summary>
    public static SafeFileHandle? TryOpenForWrite(string path)
    {
        if (DirectFlag() == 0)
        {
            return null;
        }

        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        if (!TrySet(handle, enabled: true))
        {
            handle.Dispose();
            return null;
        }

        return handle;
    }

    /// <summary>
    /// Opens a second handle on <paramref name="path"/> for direct reads, or returns null where the platform or the file
    /// system does not offer them (then the caller reads through its ordinary handle). Reads of a whole block device
    /// through the page cache fill it with bytes nobody reads again and push the host's own pages out.
    /// </summary>
    public static SafeFileHandle? TryOpenForRead(string path)
    {
        if (DirectFlag() == 0)
        {
            return null;
        }

        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (!TrySet(handle, enabled: true))
        {
            handle.Dispose();
            return null;
        }

        return handle;
    }

    /// <summary>
    /// Turns direct writes on or off for an open handle; false where the platform or the file system refuses (e.g. EINVAL
    /// from a file system without direct I/O), in which case the handle is unchanged.
    /// </summary>
    public static bool TrySet(SafeFileHandle handle, bool enabled)
    {
        var flag = DirectFlag();
        if (flag == 0)
        {
            return false;
        }

        var flags = Fcntl(handle, FGetFl, 0);
        return flags >= 0 && Fcntl(handle, FSetFl, enabled ? flags | flag : flags & ~flag) >= 0;
    }

    /// <summary>Whether a read or write of <paramref name="buffer"/> at <paramref name="offset"/> may start direct.</summary>
    public static unsafe bool IsAligned(ReadOnlySpan<byte> buffer, long offset)
    {
        fixed (byte* p = buffer)
        {
            return ((nint)p & (Alignment - 1)) == 0 && (offset & (Alignment - 1)) == 0;
        }
    }

    /// <summary>The leading part of <paramref name="length"/> bytes that a direct read or write may cover.</summary>
    public static int AlignedLength(int length) => length & ~(Alignment - 1);

    // O_DIRECT differs between architectures; elsewhere than these, no direct writes.
    private static int DirectFlag() =>
        !OperatingSystem.IsLinux() ? 0 : RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 0x4000,
            Architecture.Arm64 => 0x10000,
            _ => 0,
        };
}
