using System.Buffers.Binary;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace VolumeBackup.Platform;

/// <summary>What a path names, as far as volumes care.</summary>
public enum FileNodeKind
{
    RegularFile,
    BlockDevice,
    Other,
}

/// <summary>
/// A file system node: its kind and its identity. Two paths name the same block device when their
/// <see cref="RawDevice"/> match (a second device node made with mknod, a udev symlink), the same file when
/// <see cref="Device"/> and <see cref="Inode"/> match (a hard link).
/// </summary>
public readonly record struct FileNode(FileNodeKind Kind, ulong Device, ulong Inode, ulong RawDevice)
{
    /// <summary>Whether both nodes hold the same bytes: the same block device, or the same file.</summary>
    public bool SameBytesAs(FileNode other) =>
        Kind == other.Kind && (Kind == FileNodeKind.BlockDevice ? RawDevice == other.RawDevice : Device == other.Device && Inode == other.Inode);
}

/// <summary>
/// stat(2) and realpath(3), which .NET does not expose: the kind of a node (a block device's <c>st_size</c> is 0, and
/// <see cref="File.Exists"/> says true for it as for a file) and the canonical path with every symlink resolved.
/// statx(2) is used because its record has one layout on every architecture, unlike <c>struct stat</c>.
/// </summary>
public static partial class FileNodes
{
    private const int AtFdCwd = -100;
    private const uint StatxBasicStats = 0x7ff;
    private const int StatxSize = 256;
    private const int ModeType = 0xF000;
    private const int ModeRegular = 0x8000;
    private const int ModeBlock = 0x6000;

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint RealPathNative(string path, nint resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(nint pointer);

    /// <summary>The node <paramref name="path"/> names, following symlinks; an <see cref="IOException"/> (HResult = errno) when it cannot be read.</summary>
    public static unsafe FileNode Stat(string path)
    {
        EnsureLinux();
        var buffer = stackalloc byte[StatxSize];
        if (Statx(AtFdCwd, path, 0, StatxBasicStats, buffer) != 0)
        {
            throw Failure("statx", path);
        }

        var record = new ReadOnlySpan<byte>(buffer, StatxSize);
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(record[28..]) & ModeType;
        var kind = mode switch
        {
            ModeRegular => FileNodeKind.RegularFile,
            ModeBlock => FileNodeKind.BlockDevice,
            _ => FileNodeKind.Other,
        };
        return new FileNode(
            kind,
            Device: Join(BinaryPrimitives.ReadUInt32LittleEndian(record[136..]), BinaryPrimitives.ReadUInt32LittleEndian(record[140..])),
            Inode: BinaryPrimitives.ReadUInt64LittleEndian(record[32..]),
            RawDevice: Join(BinaryPrimitives.ReadUInt32LittleEndian(record[128..]), BinaryPrimitives.ReadUInt32LittleEndian(record[132..])));
    }

    /// <summary>
    /// The absolute path with every symlink (of the last component and of every directory on the way) resolved and no
    /// <c>.</c>, <c>..</c> or doubled slash left; an <see cref="IOException"/> (HResult = errno) when a component is missing.
    /// </summary>
    public static string RealPath(string path)
    {
        EnsureLinux();
        var resolved = RealPathNative(path, 0);
        if (resolved == 0)
        {
            throw Failure("realpath", path);
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved)!;
        }
        finally
        {
            Free(resolved);
        }
    }

    private static ulong Join(uint major, uint minor) => ((ulong)major << 32) | minor;

    private static void EnsureLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("File nodes are read through Linux system calls.");
        }
    }

    internal static IOException Failure(string call, string path)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"{call} of '{path}' failed: {new Win32Exception(errno).Message}", errno);
    }
}
