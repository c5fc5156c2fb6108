using System.Security.Cryptography;
using VolumeBackup.Platform;
using VolumeBackup.Testing.Volumes;

namespace VolumeBackup.IntegrationTests.Volumes;

/// <summary>Reflink clones on real XFS, btrfs and ext4 file systems (loop devices).</summary>
public sealed class ReflinkTests
{
    [Theory]
    [InlineData(TestFilesystemKind.Xfs)]
    [InlineData(TestFilesystemKind.Btrfs)]
    public void A_clone_holds_the_source_bytes_and_stays_apart_from_later_writes(TestFilesystemKind kind)
    {
        using var dir = new TestFilesystemDirectory(kind);
        var source = Path.Combine(dir.Path, "source");
        var clone = Path.Combine(dir.Path, "clone");
        var bytes = RandomNumberGenerator.GetBytes(3 << 20);
        File.WriteAllBytes(source, bytes);

        Assert.Equal(0, Reflink.TryClone(source, clone));
        using (var writer = File.OpenHandle(source, FileMode.Open, FileAccess.Write))
        {
            RandomAccess.Write(writer, new byte[4096], 1 << 20); // after the clone: the clone must not see it
        }

        Assert.Equal(bytes, File.ReadAllBytes(clone));
        Assert.NotEqual(bytes, File.ReadAllBytes(source));
    }

    [Fact]
    public void Ext4_refuses_to_clone_and_leaves_no_file()
    {
        using var dir = new TestFilesystemDirectory(TestFilesystemKind.Ext4);
        var source = Path.Combine(dir.Path, "source");
        var clone = Path.Combine(dir.Path, "clone");
        File.WriteAllBytes(source, new byte[8192]);

        Assert.Equal(95, Reflink.TryClone(source, clone)); // EOPNOTSUPP
        Assert.False(File.Exists(clone));
    }
}
