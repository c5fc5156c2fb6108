using Microsoft.Win32.SafeHandles;
using VolumeBackup.Platform;

namespace VolumeBackup.Volumes.Managed;

/// <summary>
/// Opens a block device or file that an admin adopted as a volume ("manage existing"). The service never creates,
/// resizes or deletes these: it reads them for backups and writes them for restores, nothing else.
/// A block device's length is the device's own size, it has no holes (every byte is read; the backup workers store
/// all-zero blocks as zero blocks), zeroing asks the device, and aligned reads and writes bypass the page cache.
/// </summary>
public static class AdoptedVolumes
{
    private const int NoSuchFile = 2;

    /// <summary>Opens the adopted <paramref name="path"/>. Missing -> <see cref="FileNotFoundException"/>.</summary>
    public static VolumeHandle Open(string path, VolumeAccess access)
    {
        FileNode node;
        try
        {
            node = FileNodes.Stat(path);
        }
        catch (IOException e) when (e.HResult == NoSuchFile)
        {
            throw new FileNotFoundException($"The adopted volume '{path}' is gone.", path, e);
        }

        return node.Kind switch
        {
            FileNodeKind.BlockDevice => OpenDevice(path, access),
            FileNodeKind.RegularFile => OpenFile(path, access),
            _ => throw new IOException($"The adopted volume '{path}' is no longer a block device or regular file."),
        };
    }

    private static VolumeHandle OpenDevice(string path, VolumeAccess access)
    {
        var handle = OpenBuffered(path, access);
        SafeFileHandle? directRead = null;
        try
        {
            var length = BlockDevices.SizeOf(handle, path);
            directRead = DirectIo.TryOpenForRead(path);
            var direct = access == VolumeAccess.Read ? null : DirectIo.TryOpenForWrite(path);
            return new VolumeHandle(handle, length, Whole, direct, directRead, VolumeStorage.BlockDevice);
        }
        catch
        {
            directRead?.Dispose();
            handle.Dispose();
            throw;
        }
    }

    private static VolumeHandle OpenFile(string path, VolumeAccess access)
    {
        var handle = OpenBuffered(path, access);
        SafeFileHandle? directRead = null;
        try
        {
            directRead = DirectIo.TryOpenForRead(path);
            var direct = access == VolumeAccess.Read ? null : DirectIo.TryOpenForWrite(path);
            return new VolumeHandle(handle, RandomAccess.GetLength(handle), SparseFileOperations.AllocatedRanges, direct, directRead);
        }
        catch
        {
            directRead?.Dispose();
            handle.Dispose();
            throw;
        }
    }

    private static SafeFileHandle OpenBuffered(string path, VolumeAccess access) =>
        File.OpenHandle(path, FileMode.Open, access == VolumeAccess.Read ? FileAccess.Read : FileAccess.ReadWrite,
            FileShare.ReadWrite, FileOptions.Asynchronous);

    // A block device has no holes to seek: every byte may hold data.
    private static IEnumerable<ByteRange> Whole(SafeFileHandle handle, long length)
    {
        yield return new ByteRange(0, length);
    }
}
