using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using VolumeBackup.Platform;

namespace VolumeBackup.Volumes;

/// <summary>Linux calls that plain .NET file APIs lack: finding holes and punching them.</summary>
internal static partial class SparseFileOperations
{
    private const int SeekData = 3;
    private const int SeekHole = 4;
    private const int Enxio = 6;
    private const int FallocFlPunchHole = 0x02;
    private const int FallocFlKeepSize = 0x01;

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    private static partial long LSeek(SafeFileHandle fd, long offset, int whence);

    [LibraryImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    private static partial int FAllocate(SafeFileHandle fd, int mode, long offset, long length);

    /// <summary>Data ranges of a sparse file via SEEK_DATA/SEEK_HOLE; the whole file when the file system cannot tell.</summary>
    public static IEnumerable<ByteRange> AllocatedRanges(SafeFileHandle handle, long length)
    {
        if (!OperatingSystem.IsLinux())
        {
            yield return new ByteRange(0, length);
            yield break;
        }

        long position = 0;
        while (position < length)
        {
            var dataStart = LSeek(handle, position, SeekData);
            if (dataStart < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == Enxio)
                {
                    yield break; // only a hole remains
                }

                yield return new ByteRange(position, length - position); // unsupported: read everything
                yield break;
            }

            var holeStart = LSeek(handle, dataStart, SeekHole);
            if (holeStart < 0)
            {
                holeStart = length;
            }

            holeStart = Math.Min(holeStart, length);
            if (holeStart > dataStart)
            {
                yield return new ByteRange(dataStart, holeStart - dataStart);
            }

            position = holeStart;
        }
    }

    /// <summary>Punches a hole (the file system frees the blocks); falls back to writing zeros.</summary>
    public static void ZeroRange(SafeFileHandle handle, long offset, long length)
    {
        if (length <= 0)
        {
            return;
        }

        if (OperatingSystem.IsLinux() && FAllocate(handle, FallocFlPunchHole | FallocFlKeepSize, offset, length) == 0)
        {
            return;
        }

        BlockDevices.WriteZeros(handle, offset, length);
    }
}
