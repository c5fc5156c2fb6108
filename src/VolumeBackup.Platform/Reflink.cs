using System.ComponentModel;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace VolumeBackup.Platform;

/// <summary>
/// Reflink clones (Linux FICLONE): a new file that shares every extent of the source, made in milliseconds whatever the
/// size, after which writes to either file go to new blocks (copy on write) and leave the other as it was. XFS (with
/// reflink, the default since xfsprogs 5.1) and btrfs support it; ext4 and tmpfs do not, and no file system clones
/// across file systems.
/// </summary>
public static partial class Reflink
{
    // _IOW(0x94, 9, int)
    private const uint FiClone = 0x40049409;

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int IoctlClone(SafeFileHandle destination, nuint request, nint source);

    /// <summary>
    /// Makes <paramref name="destination"/> (created or truncated) a clone of <paramref name="source"/>. Returns 0, or the
    /// errno of the refusal (EOPNOTSUPP/ENOTTY: the file system cannot clone; EXDEV: different file systems; EINVAL:
    /// not a regular file), after which no destination file is left. Other failures throw <see cref="IOException"/>.
    /// </summary>
    public static int TryClone(string source, string destination)
    {
        if (!OperatingSystem.IsLinux())
        {
            return 95; // EOPNOTSUPP
        }

        using var from = File.OpenHandle(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var errno = 0;
        using (var to = File.OpenHandle(destination, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            if (IoctlClone(to, FiClone, from.DangerousGetHandle()) != 0)
            {
                errno = Marshal.GetLastPInvokeError();
            }
        }

        if (errno != 0)
        {
            File.Delete(destination);
        }

        return errno;
    }

    /// <summary>As <see cref="TryClone"/>, but a refusal throws an <see cref="IOException"/> whose HResult is the errno.</summary>
    public static void Clone(string source, string destination)
    {
        var errno = TryClone(source, destination);
        if (errno != 0)
        {
            throw new IOException($"Cloning '{source}' to '{destination}' failed: {new Win32Exception(errno).Message}", errno);
        }
    }
}
