namespace VolumeBackup.Testing.Volumes;

/// <summary>The kinds of file system <c>scripts/filesystems.sh</c> mounts for the volume tests.</summary>
public enum TestFilesystemKind
{
    /// <summary>XFS with reflink: clones and shared extents.</summary>
    Xfs,

    /// <summary>btrfs: clones and shared extents.</summary>
    Btrfs,

    /// <summary>ext4: no reflink, for the fallbacks.</summary>
    Ext4,
}

/// <summary>
/// A fresh directory on a real XFS, btrfs or ext4 file system (loop devices that <c>scripts/filesystems.sh up</c> mounts
/// under /mnt/vbtest), removed on dispose. Skips locally and fails in CI when the file system is not mounted.
/// </summary>
public sealed class TestFilesystemDirectory : IDisposable
{
    public const string Root = "/mnt/vbtest";

    public TestFilesystemDirectory(TestFilesystemKind kind, string prefix = "vb-test")
    {
        Kind = kind;
        var mount = System.IO.Path.Combine(Root, kind.ToString().ToLowerInvariant());
        RealServices.Require(IsMounted(mount), $"the {kind} test file system at {mount}", "sudo bash scripts/filesystems.sh up");
        Path = System.IO.Path.Combine(mount, $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public TestFilesystemKind Kind { get; }

    public string Path { get; }

    /// <summary>Whether <paramref name="directory"/> is the root of a mounted file system (a line of /proc/self/mounts).</summary>
    public static bool IsMounted(string directory) =>
        File.Exists("/proc/self/mounts")
        && File.ReadLines("/proc/self/mounts").Any(line => line.Split(' ') is [_, var point, ..] && point == directory);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // already gone
        }
    }
}
