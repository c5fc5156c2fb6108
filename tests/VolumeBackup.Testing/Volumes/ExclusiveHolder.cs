using System.Runtime.InteropServices;

namespace VolumeBackup.Testing.Volumes;

/// <summary>
/// Holds a block device open with O_EXCL, as the kernel does for a mounted device: until dispose, every other exclusive
/// open of it fails with EBUSY. Stands in for "the device is in use" without mounting anything.
/// </summary>
public sealed partial class ExclusiveHolder : IDisposable
{
    private const int ReadOnly = 0;
    private const int Exclusive = 0x80;
    private int _fd;

    private ExclusiveHolder(int fd) => _fd = fd;

    public static ExclusiveHolder Open(string device)
    {
        var fd = OpenNative(device, ReadOnly | Exclusive);
        return fd >= 0 ? new ExclusiveHolder(fd) : throw new IOException($"O_EXCL open of {device} failed: errno {Marshal.GetLastPInvokeError()}.");
    }

    public void Dispose()
    {
        if (_fd >= 0)
        {
            _ = Close(_fd);
            _fd = -1;
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenNative(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
