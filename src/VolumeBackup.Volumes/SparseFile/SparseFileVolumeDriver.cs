using VolumeBackup.Platform;
using VolumeBackup.Volumes.Managed;

namespace VolumeBackup.Volumes.SparseFile;

/// <summary>
/// Keeps each volume as a sparse raw file of exactly its size in one directory: <c>volume-{id}.raw</c>.
/// A new volume costs no disk space until written; holes read as zeros and are skipped by backups.
/// </summary>
public sealed class SparseFileVolumeDriver : IVolumeDriver
{
    private readonly string _directory;

    public SparseFileVolumeDriver(string directory, string host)
    {
        _directory = Path.GetFullPath(directory);
        Host = host;
        Directory.CreateDirectory(_directory);
    }

    public string Host { get; }

    public Task CreateAsync(string volumeId, long sizeBytes, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sizeBytes);
        var path = GetDevicePath(volumeId);
        using (var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            if (stream.Length != sizeBytes)
            {
                stream.SetLength(sizeBytes); // extends with a hole: no blocks allocated
            }
        }

        return Task.CompletedTask;
    }

    public Task DeleteAsync(string volumeId, CancellationToken ct)
    {
        File.Delete(GetDevicePath(volumeId)); // no error when missing
        return Task.CompletedTask;
    }

    public bool Exists(string volumeId) => File.Exists(GetDevicePath(volumeId));

    public string GetDevicePath(string volumeId)
    {
        // Ids are decimal strings; refuse anything else so that no id can name a path outside the directory.
        if (volumeId.Length == 0 || !volumeId.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"Volume id '{volumeId}' is not a decimal number.", nameof(volumeId));
        }

        return Path.Combine(_directory, $"volume-{volumeId}.raw");
    }

    public string PathOf(VolumeLocation volume) => volume.ManagedPath ?? GetDevicePath(volume.VolumeId);

    /// <summary>Opens a volume: an adopted device or file as <see cref="AdoptedVolumes"/> does, else the volume's sparse file.</summary>
    public VolumeHandle Open(VolumeLocation volume, VolumeAccess access) =>
        volume.ManagedPath is { } adopted ? AdoptedVolumes.Open(adopted, access) : OpenFile(PathOf(volume), access);

    /// <summary>Opens a volume the service created, by id.</summary>
    public VolumeHandle Open(string volumeId, VolumeAccess access) => Open(new VolumeLocation(volumeId, null), access);

    /// <summary>
    /// Opens any sparse file as a volume (also one outside a driver directory, as benchmarks and tests do). A writable
    /// volume also gets a direct-write handle where the file system supports it.
    /// </summary>
    public static VolumeHandle OpenFile(string path, VolumeAccess access)
    {
        var fileAccess = access == VolumeAccess.Read ? FileAccess.Read : FileAccess.ReadWrite;
        var handle = File.OpenHandle(path, FileMode.Open, fileAccess, FileShare.ReadWrite, FileOptions.Asynchronous);
        try
        {
            var direct = access == VolumeAccess.Read ? null : DirectIo.TryOpenForWrite(path);
            return new VolumeHandle(handle, RandomAccess.GetLength(handle), SparseFileOperations.AllocatedRanges, direct);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }
}
