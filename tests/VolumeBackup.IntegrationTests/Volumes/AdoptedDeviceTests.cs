using System.Security.Cryptography;
using VolumeBackup.Platform;
using VolumeBackup.Testing.Volumes;
using VolumeBackup.Volumes;
using VolumeBackup.Volumes.Managed;

namespace VolumeBackup.IntegrationTests.Volumes;

/// <summary>Block devices opened as adopted volumes, and the platform calls behind them, on real loop devices.</summary>
public sealed class AdoptedDeviceTests
{
    [Fact]
    public async Task A_device_opens_with_its_own_size_as_one_range_read_direct()
    {
        using var device = await LoopDevice.LeaseAsync(TestContext.Current.CancellationToken);
        device.FillRandom(11);
        using var volume = AdoptedVolumes.Open(device.Path, VolumeAccess.Read);

        Assert.Equal(device.SizeBytes, volume.Length);
        Assert.True(volume.Length > 0);
        Assert.Equal([new ByteRange(0, volume.Length)], volume.GetAllocatedRanges());
        Assert.Equal(VolumeStorage.BlockDevice, volume.Storage);
        Assert.True(volume.ReadsDirect);
        Assert.Equal(volume.Length, volume.CurrentLength());
    }

    [Fact]
    public async Task Reads_give_the_device_bytes_direct_and_through_the_page_cache_alike()
    {
        using var device = await LoopDevice.LeaseAsync(TestContext.Current.CancellationToken);
        device.FillRandom(12);
        var expected = new byte[1 << 20];
        using (var raw = File.OpenHandle(device.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            await RandomAccess.ReadAsync(raw, expected, 1 << 20, TestContext.Current.CancellationToken);
        }

        using var volume = AdoptedVolumes.Open(device.Path, VolumeAccess.Read);
        var aligned = GC.AllocateUninitializedArray<byte>((1 << 20) + 8192, pinned: true);
        var start = AlignmentOffset(aligned);
        var direct = aligned.AsMemory(start, 1 << 20);
        var unaligned = aligned.AsMemory(start + 1, 1 << 20); // one byte off: must fall back to the page cache
        Assert.Equal(1 << 20, await ReadFullyAsync(volume, direct, 1 << 20));
        Assert.Equal(expected, direct.ToArray());
        Assert.Equal(1 << 20, await ReadFullyAsync(volume, unaligned, 1 << 20));
        Assert.Equal(expected, unaligned.ToArray());
    }

    [Fact]
    public async Task Zero_makes_a_random_range_of_the_device_read_as_zeros_and_leaves_the_rest()
    {
        using var device = await LoopDevice.LeaseAsync(TestContext.Current.CancellationToken);
        device.FillRandom(13);
        const long offset = 4 << 20, length = 8 << 20;
        var before = Hash(device.Path, offset + length, 1 << 20);
        using (var volume = AdoptedVolumes.Open(device.Path, VolumeAccess.ReadWrite))
        {
            volume.Zero(offset, length);
            volume.Flush();
        }

        var zeroed = new byte[length];
        using (var raw = File.OpenHandle(device.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            await RandomAccess.ReadAsync(raw, zeroed, offset, TestContext.Current.CancellationToken);
        }

        Assert.True(zeroed.AsSpan().IndexOfAnyExcept((byte)0) < 0, "the range still holds non-zero bytes");
        Assert.Equal(before, Hash(device.Path, offset + length, 1 << 20));
    }

    [Fact]
    public async Task A_loop_device_zeroes_without_writes_from_the_process()
    {
        using var device = await LoopDevice.LeaseAsync(TestContext.Current.CancellationToken);
        using var handle = File.OpenHandle(device.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);

        // A loop device over a file on a file system with holes turns write-zeroes into punched holes.
        Assert.NotEqual(ZeroMethod.Written, BlockDevices.Zero(handle, 0, 1 << 20));
    }

    [Fact]
    public async Task File_nodes_tell_devices_from_files_and_resolve_symlinks()
    {
        using var device = await LoopDevice.LeaseAsync(TestContext.Current.CancellationToken);
        using var dir = new TestFilesystemDirectory(TestFilesystemKind.Ext4);
        var file = Path.Combine(dir.Path, "file");
        await File.WriteAllBytesAsync(file, [1, 2, 3], TestContext.Current.CancellationToken);
        var link = Path.Combine(dir.Path, "link");
        File.CreateSymbolicLink(link, device.Path);

        Assert.Equal(FileNodeKind.BlockDevice, FileNodes.Stat(device.Path).Kind);
        Assert.Equal(FileNodeKind.RegularFile, FileNodes.Stat(file).Kind);
        Assert.Equal(FileNodeKind.Other, FileNodes.Stat(dir.Path).Kind);
        Assert.Equal(device.Path, FileNodes.RealPath(link));
        Assert.Equal(device.Path, FileNodes.RealPath(Path.Combine(dir.Path, "..", Path.GetFileName(dir.Path), "link")));
        Assert.True(FileNodes.Stat(link).SameBytesAs(FileNodes.Stat(device.Path)));
        Assert.False(FileNodes.Stat(file).SameBytesAs(FileNodes.Stat(device.Path)));
        Assert.Equal(2, Assert.Throws<IOException>(() => FileNodes.RealPath(Path.Combine(dir.Path, "missing"))).HResult);
    }

    [Fact]
    public async Task An_exclusive_open_is_refused_while_another_holds_the_device()
    {
        using var device = await LoopDevice.LeaseAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, BlockDevices.TryOpenExclusively(device.Path));

        using var holder = ExclusiveHolder.Open(device.Path);
        Assert.Equal(BlockDevices.Busy, BlockDevices.TryOpenExclusively(device.Path));
    }

    private static async Task<int> ReadFullyAsync(VolumeHandle volume, Memory<byte> buffer, long offset)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            var n = await volume.ReadAsync(buffer[done..], offset + done, TestContext.Current.CancellationToken);
            if (n == 0)
            {
                break;
            }

            done += n;
        }

        return done;
    }

    private static int AlignmentOffset(byte[] pinned)
    {
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(pinned, System.Runtime.InteropServices.GCHandleType.Pinned);
        var address = handle.AddrOfPinnedObject();
        handle.Free();
        return (int)((4096 - (address & 4095)) & 4095);
    }

    private static string Hash(string path, long offset, int length)
    {
        var bytes = new byte[length];
        using var raw = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        RandomAccess.Read(raw, bytes, offset);
        return Convert.ToHexString(SHA256.HashData(bytes));
    }
}
