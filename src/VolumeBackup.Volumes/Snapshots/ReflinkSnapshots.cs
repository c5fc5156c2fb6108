using System.Collections.Concurrent;
using VolumeBackup.Platform;
using VolumeBackup.Volumes.SparseFile;

namespace VolumeBackup.Volumes.Snapshots;

/// <summary>
/// Snapshots of file volumes as reflink clones (FICLONE) on the volume's own file system: taken in milliseconds whatever
/// the size, sharing every extent with the volume until either is written (copy on write), so the volume stays in use.
/// A volume the service made keeps its snapshots in <c>&lt;snapshots directory&gt;/volume-&lt;id&gt;/</c>; an adopted
/// file in a hidden sibling directory <c>.&lt;file name&gt;.snapshots/</c> beside it (a clone never crosses file
/// systems). Adopted block devices go to <see cref="IBlockDeviceSnapshots"/>.
/// </summary>
/// <remarks>
/// A snapshot is cloned to <c>.&lt;name&gt;.partial</c>, fsync'd, renamed to its name and the directory fsync'd: a crash
/// leaves either the whole clone under its name or a partial one that <see cref="List"/> still names (so that it gets
/// deleted) and <see cref="Find"/> does not. The fsync writes no data (the clone shares the volume's blocks, and FICLONE
/// itself writes the volume's dirty pages back first), only the file system's log: without it a power cut could keep the
/// name and lose the extents, and the kept snapshot is the base of the next backup's changed-block comparison.
/// </remarks>
public sealed class ReflinkSnapshots : IVolumeSnapshots
{
    private const string PartialSuffix = ".partial";
    private const string ProbePrefix = ".vb-clone-probe-";

    private readonly IVolumeDriver _driver;
    private readonly string _directory;
    private readonly IBlockDeviceSnapshots _blockDevices;

    // (volume's directory, snapshots' directory) -> null (clones work) or the reason they do not; probed once per process.
    private readonly ConcurrentDictionary<(string Source, string Target), string?> _probes = new();

    /// <param name="driver">The volume driver, which says where a volume's file is.</param>
    /// <param name="directory">Where the snapshots of volumes the service made live: on the volumes' file system.</param>
    /// <param name="blockDevices">The mechanism for adopted block devices.</param>
    public ReflinkSnapshots(IVolumeDriver driver, string directory, IBlockDeviceSnapshots blockDevices)
    {
        _driver = driver;
        _directory = Path.GetFullPath(directory);
        _blockDevices = blockDevices;
    }

    public string? WhyUnavailable(VolumeLocation volume)
    {
        if (IsBlockDevice(volume))
        {
            return _blockDevices.WhyUnavailable(volume);
        }

        var source = Path.GetDirectoryName(_driver.PathOf(volume))!;
        var target = volume.IsManaged ? source : _directory;
        return _probes.GetOrAdd((source, target), key => Probe(key.Source, key.Target));
    }

    public VolumeSnapshot Take(VolumeLocation volume, string name)
    {
        if (IsBlockDevice(volume))
        {
            return _blockDevices.Take(volume, name);
        }

        EnsureValidName(name);
        var directory = DirectoryOf(volume);
        Directory.CreateDirectory(directory);
        var partial = PartialPath(directory, name);
        var path = Path.Combine(directory, name);
        int errno;
        try
        {
            errno = Reflink.TryClone(_driver.PathOf(volume), partial);
        }
        catch (FileNotFoundException e)
        {
            throw new VolumeSnapshotException("the volume's file is missing on its node.", e);
        }

        if (errno != 0)
        {
            throw new VolumeSnapshotException(CannotClone(errno, Path.GetDirectoryName(_driver.PathOf(volume))!));
        }

        using (var clone = new FileStream(partial, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            clone.Flush(flushToDisk: true);
        }

        File.Move(partial, path, overwrite: true);
        DirectorySync.Flush(directory);
        return new VolumeSnapshot(volume, name, path);
    }

    public VolumeSnapshot? Find(VolumeLocation volume, string name)
    {
        if (IsBlockDevice(volume))
        {
            return _blockDevices.Find(volume, name);
        }

        EnsureValidName(name);
        var path = Path.Combine(DirectoryOf(volume), name);
        return File.Exists(path) ? new VolumeSnapshot(volume, name, path) : null;
    }

    /// <summary>The volume's snapshots, including one a crash cut short (its path is then the partial clone).</summary>
    public IReadOnlyList<VolumeSnapshot> List(VolumeLocation volume)
    {
        if (IsBlockDevice(volume))
        {
            return _blockDevices.List(volume);
        }

        var directory = DirectoryOf(volume);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var snapshots = new Dictionary<string, VolumeSnapshot>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(directory))
        {
            var file = Path.GetFileName(path);
            if (file.StartsWith('.') && file.EndsWith(PartialSuffix, StringComparison.Ordinal))
            {
                var name = file[1..^PartialSuffix.Length];
                snapshots.TryAdd(name, new VolumeSnapshot(volume, name, path));
            }
            else if (!file.StartsWith('.'))
            {
                snapshots[file] = new VolumeSnapshot(volume, file, path); // the complete clone wins over a partial one
            }
        }

        return [.. snapshots.Values.OrderBy(s => s.Name, StringComparer.Ordinal)];
    }

    public VolumeHandle Open(VolumeSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return IsBlockDevice(snapshot.Volume)
            ? _blockDevices.Open(snapshot)
            : SparseFileVolumeDriver.OpenFile(snapshot.Path, VolumeAccess.Read);
    }

    /// <summary>Removes the clone and any partial one of the same name; the volume's directory too once it is empty.</summary>
    public void Delete(VolumeSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (IsBlockDevice(snapshot.Volume))
        {
            _blockDevices.Delete(snapshot);
            return;
        }

        EnsureValidName(snapshot.Name);
        var directory = DirectoryOf(snapshot.Volume);
        if (!Directory.Exists(directory))
        {
            return; // removed already (File.Delete would throw for a missing directory)
        }

        File.Delete(Path.Combine(directory, snapshot.Name));
        File.Delete(PartialPath(directory, snapshot.Name));
        try
        {
            if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
            {
                Directory.Delete(directory);
            }
        }
        catch (IOException)
        {
            // a snapshot was taken meanwhile: the directory stays
        }
    }

    /// <summary>Where the snapshots of a file volume live.</summary>
    public string DirectoryOf(VolumeLocation volume)
    {
        if (volume.ManagedPath is { } file)
        {
            var full = Path.GetFullPath(file);
            return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.snapshots");
        }

        _ = _driver.PathOf(volume); // checks the id
        return Path.Combine(_directory, "volume-" + volume.VolumeId);
    }

    private static bool IsBlockDevice(VolumeLocation volume) =>
        volume.ManagedPath is { } path && File.Exists(path) && FileNodes.Stat(path).Kind == FileNodeKind.BlockDevice;

    private static string PartialPath(string directory, string name) => Path.Combine(directory, "." + name + PartialSuffix);

    // Names become file names: letters, digits, '-', '_' and '.', not starting with '.', so no name leaves the directory.
    private static void EnsureValidName(string name)
    {
        if (name.Length == 0 || name.StartsWith('.') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException($"'{name}' is not a valid snapshot name.", nameof(name));
        }
    }

    /// <summary>Clones a small file from the volume's directory to the snapshots' directory: can this place clone at all?</summary>
    private static string? Probe(string source, string target)
    {
        var probe = Path.Combine(source, ProbePrefix + Guid.NewGuid().ToString("N"));
        var clone = Path.Combine(target, ProbePrefix + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(target);
            var bytes = new byte[4096];
            Array.Fill(bytes, (byte)0xA5); // written data, not a hole: a clone of a hole proves nothing
            File.WriteAllBytes(probe, bytes);
            var errno = Reflink.TryClone(probe, clone);
            return errno == 0 ? null : CannotClone(errno, source);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "the service cannot create files beside the volume's file, where its snapshots would be kept.";
        }
        finally
        {
            DeleteQuietly(probe);
            DeleteQuietly(clone);
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // the probe's directory was never made or cannot be written: nothing of ours is there
        }
    }

    private static string CannotClone(int errno, string volumeDirectory)
    {
        var type = MountTable.FileSystemTypeOf(volumeDirectory) ?? "unknown";
        return errno switch
        {
            18 => $"the volume's snapshot directory is not on the volume's file system ({type}), and a reflink clone cannot cross file systems.",
            _ => $"the volume's file system ({type}) cannot make reflink clones (XFS and btrfs can).",
        };
    }
}
