using System.Security.Cryptography;
using VolumeBackup.Platform;
using VolumeBackup.Testing.Volumes;
using VolumeBackup.Volumes;
using VolumeBackup.Volumes.Snapshots;
using VolumeBackup.Volumes.SparseFile;

namespace VolumeBackup.IntegrationTests.Volumes;

/// <summary>
/// <see cref="ReflinkSnapshots"/> on real file systems: where clones of service-made volumes and adopted files live,
/// that a snapshot keeps its bytes while the volume changes, that a clone cut short is listed (so it gets deleted) but
/// not found, and the reasons given on ext4 and for block devices.
/// </summary>
public sealed class ReflinkSnapshotsTests
{
    [Theory]
    [InlineData(TestFilesystemKind.Xfs)]
    [InlineData(TestFilesystemKind.Btrfs)]
    public void An_adopted_files_snapshots_live_in_a_hidden_sibling_directory_and_keep_their_bytes(TestFilesystemKind kind)
    {
        using var directory = new TestFilesystemDirectory(kind);
        var (snapshots, _) = Create(directory.Path);
        var file = Path.Combine(directory.Path, "disk.img");
        var bytes = RandomNumberGenerator.GetBytes(2 << 20);
        File.WriteAllBytes(file, bytes);
        var volume = new VolumeLocation("7", file);

        Assert.Null(snapshots.WhyUnavailable(volume));
        var taken = snapshots.Take(volume, "backup-1");
        File.WriteAllBytes(file, new byte[2 << 20]); // the guest goes on writing

        Assert.Equal(Path.Combine(directory.Path, ".disk.img.snapshots", "backup-1"), taken.Path);
        Assert.Equal(taken, snapshots.Find(volume, "backup-1"));
        Assert.Equal([taken], snapshots.List(volume));
        using (var handle = snapshots.Open(taken))
        {
            var read = new byte[bytes.Length];
            Assert.Equal(read.Length, handle.Read(read, 0));
            Assert.Equal(bytes, read);
        }

        snapshots.Delete(taken);
        Assert.False(Directory.Exists(Path.Combine(directory.Path, ".disk.img.snapshots")));
        Assert.Empty(snapshots.List(volume));
    }

    [Fact]
    public async Task A_clone_cut_short_is_listed_for_deletion_but_not_found_and_taking_again_replaces_it()
    {
        using var directory = new TestFilesystemDirectory(TestFilesystemKind.Xfs);
        var (snapshots, driver) = Create(directory.Path);
        await driver.CreateAsync("5", 1 << 20, TestContext.Current.CancellationToken);
        var volume = new VolumeLocation("5", null);
        var snapshotDirectory = Path.Combine(directory.Path, "volumes", "snapshots", "volume-5");
        Directory.CreateDirectory(snapshotDirectory);
        await File.WriteAllBytesAsync(Path.Combine(snapshotDirectory, ".backup-3.partial"), [], TestContext.Current.CancellationToken);

        Assert.Null(snapshots.Find(volume, "backup-3"));
        Assert.Equal(["backup-3"], snapshots.List(volume).Select(s => s.Name));
        var taken = snapshots.Take(volume, "backup-3");

        Assert.Equal(["backup-3"], Directory.GetFiles(snapshotDirectory).Select(Path.GetFileName)); // renamed over, no partial left
        Assert.Equal(taken, snapshots.Find(volume, "backup-3"));
    }

    [Fact]
    public async Task On_ext4_the_reason_names_the_file_system_and_the_probe_leaves_nothing()
    {
        using var directory = new TestFilesystemDirectory(TestFilesystemKind.Ext4);
        var (snapshots, driver) = Create(directory.Path);
        await driver.CreateAsync("9", 1 << 20, TestContext.Current.CancellationToken);

        Assert.Equal("the volume's file system (ext4) cannot make reflink clones (XFS and btrfs can).",
            snapshots.WhyUnavailable(new VolumeLocation("9", null)));
        Assert.Equal("ext4", MountTable.FileSystemTypeOf(directory.Path));
        Assert.Equal(["volume-9.raw"], Directory.GetFiles(directory.Path, "*", SearchOption.AllDirectories).Select(Path.GetFileName));
        Assert.Throws<VolumeSnapshotException>(() => snapshots.Take(new VolumeLocation("9", null), "backup-1"));
    }

    [Fact]
    public async Task A_block_device_goes_to_the_block_device_mechanism_none_here_says_so()
    {
        using var device = await LoopDevice.LeaseAsync(TestContext.Current.CancellationToken);
        using var directory = new TestFilesystemDirectory(TestFilesystemKind.Xfs);
        var (snapshots, _) = Create(directory.Path);
        var volume = new VolumeLocation("11", device.Path);

        Assert.Equal(FileNodeKind.BlockDevice, FileNodes.Stat(device.Path).Kind);
        Assert.Equal(FileNodeKind.RegularFile, FileNodes.Stat(typeof(ReflinkSnapshotsTests).Assembly.Location).Kind);
        Assert.Equal(NoBlockDeviceSnapshots.Reason, snapshots.WhyUnavailable(volume));
        Assert.Equal(NoBlockDeviceSnapshots.Reason, Assert.Throws<VolumeSnapshotException>(() => snapshots.Take(volume, "backup-1")).Message);
        Assert.Empty(snapshots.List(volume));
    }

    private static (ReflinkSnapshots Snapshots, SparseFileVolumeDriver Driver) Create(string dataDirectory)
    {
        var driver = new SparseFileVolumeDriver(Path.Combine(dataDirectory, "volumes"), "test-node");
        return (new ReflinkSnapshots(driver, Path.Combine(dataDirectory, "volumes", "snapshots"), new NoBlockDeviceSnapshots()), driver);
    }
}
