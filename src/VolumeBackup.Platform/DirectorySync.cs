using System.ComponentModel;
using System.Runtime.InteropServices;

namespace VolumeBackup.Platform;

/// <summary>
/// Flushes a directory's entries to disk. A rename is durable only once the directory holding the new name is
/// flushed: after a power cut without it, the file's data may be on disk while its name is not, and a published object
/// vanishes. .NET opens no handle on a directory, hence open(2) + fsync(2) directly.
/// </summary>
public static partial class DirectorySync
{
    private const int ReadOnly = 0;
    private const int CloseOnExec = 0x80000;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    /// <summary>fsync(2) of <paramref name="directory"/>; an <see cref="IOException"/> whose HResult is the errno on failure. No-op off Linux.</summary>
    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fd = Open(directory, ReadOnly | CloseOnExec);
        if (fd < 0)
        {
            throw Failure("open", directory);
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw Failure("fsync", directory);
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    private static IOException Failure(string call, string directory)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"{call} of directory '{directory}' failed: {new Win32Exception(errno).Message}", errno);
    }
}
