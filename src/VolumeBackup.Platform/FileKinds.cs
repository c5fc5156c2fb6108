using System.ComponentModel;
using System.Runtime.InteropServices;

namespace VolumeBackup.Platform;

/// <summary>
/// What kind of file a path names (statx(2): its S_IFMT bits), which .NET does not tell: a block device needs another
/// snapshot mechanism than a regular file. statx's layout is the same on every architecture, unlike stat's.
/// </summary>
public static partial class FileKinds
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 0x1c;
    private const int StatxSize = 256;
    private const int TypeMask = 0xF000; // S_IFMT
    private const int BlockDevice = 0x6000; // S_IFBLK

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int dirfd, string path, int flags, uint mask, byte* buffer);

    /// <summary>Whether <paramref name="path"/> (following links) is a block device. False off Linux.</summary>
    public static unsafe bool IsBlockDevice(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        var buffer = stackalloc byte[StatxSize];
        if (Statx(AtFdCwd, path, 0, StatxType, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"statx of '{path}' failed: {new Win32Exception(errno).Message}", errno);
        }

        var mode = *(ushort*)(buffer + ModeOffset);
        return (mode & TypeMask) == BlockDevice;
    }
}
