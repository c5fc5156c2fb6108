using VolumeBackup.DataPath.Buffers;
using VolumeBackup.Volumes;
using VolumeBackup.Volumes.SparseFile;

namespace VolumeBackup.UnitTests.Volumes;

public sealed class SparseFileVolumeDriverTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vb-volumes-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_new_volume_is_a_hole_of_exactly_its_size()
    {
        var driver = new SparseFileVolumeDriver(_dir, "node-1");
        await driver.CreateAsync("7", 64L << 20, TestContext.Current.CancellationToken);

        using var handle = driver.Open("7", VolumeAccess.Read);
        Assert.Equal(64L << 20, handle.Length);
        Assert.Empty(handle.GetAllocatedRanges());
    }

    [Fact]
    public async Task Written_ranges_are_reported_as_allocated_and_zeroed_ranges_read_back_as_zeros()
    {
        var driver = new SparseFileVolumeDriver(_dir, "node-1");
        var ct = TestContext.Current.CancellationToken;
        await driver.CreateAsync("8", 16L << 20, ct);
        var data = new byte[1 << 20];
        Random.Shared.NextBytes(data);

        using (var handle = driver.Open("8", VolumeAccess.ReadWrite))
        {
            handle.Write(data, 4L << 20);
            var ranges = handle.GetAllocatedRanges().ToList();
            var range = Assert.Single(ranges);
            Assert.True(range.Offset <= 4L << 20 && range.End >= 5L << 20);

            handle.Zero(4L << 20, 1 << 20);
            var back = new byte[1 << 20];
            handle.Read(back, 4L << 20);
            Assert.All(back, b => Assert.Equal(0, b));
        }

        await driver.DeleteAsync("8", ct);
        await driver.DeleteAsync("8", ct);
        Assert.False(driver.Exists("8"));
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("1/2")]
    [InlineData("")]
    public void Ids_that_are_not_decimal_numbers_are_refused(string id)
    {
        var driver = new SparseFileVolumeDriver(_dir, "node-1");
        Assert.Throws<ArgumentException>(() => driver.GetDevicePath(id));
    }

    [Fact]
    public async Task A_writable_volume_writes_aligned_bytes_direct_and_the_rest_through_the_page_cache_without_mixing_them_up()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Direct writes are a Linux feature; elsewhere every write is buffered.");
        var driver = new SparseFileVolumeDriver(_dir, "node-1");
        var ct = TestContext.Current.CancellationToken;
        await driver.CreateAsync("9", 1L << 20, ct);
        var expected = new byte[1 << 20];
        var aligned = new AlignedBuffer((64 << 10) + 1000, VolumeHandle.DirectWriteAlignment);
        Random.Shared.NextBytes(aligned.Span);
        var unaligned = new byte[5000];
        Random.Shared.NextBytes(unaligned);

        using (var handle = driver.Open("9", VolumeAccess.ReadWrite))
        {
            Assert.True(handle.WritesDirect); // the test directory is on a disk file system (ext4 in CI)
            await handle.WriteAsync(aligned.Memory, 128 << 10, ct); // 64 KiB direct, a 1000-byte tail buffered
            handle.Write(unaligned, 4097); // unaligned offset: buffered
            handle.Flush();
        }

        aligned.Span.CopyTo(expected.AsSpan(128 << 10));
        unaligned.CopyTo(expected.AsSpan(4097));
        Assert.True((await File.ReadAllBytesAsync(driver.GetDevicePath("9"), ct)).AsSpan().SequenceEqual(expected));
    }

    [Fact]
    public async Task A_read_only_volume_has_no_direct_write_handle()
    {
        var driver = new SparseFileVolumeDriver(_dir, "node-1");
        await driver.CreateAsync("10", 1L << 20, TestContext.Current.CancellationToken);

        using var handle = driver.Open("10", VolumeAccess.Read);
        Assert.False(handle.WritesDirect);
    }
}
