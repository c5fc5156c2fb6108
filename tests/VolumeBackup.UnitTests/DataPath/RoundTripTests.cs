using VolumeBackup.DataPath;
using VolumeBackup.Testing.DataPath;

namespace VolumeBackup.UnitTests.DataPath;

public sealed class RoundTripTests : IDisposable
{
    private readonly DataPathFixture _fx = new();
    private readonly BackupEngine _engine = new(DataPathFixture.SmallOptions, TimeProvider.System);

    public void Dispose() => _fx.Dispose();

    public static TheoryData<string> Shapes => ["random", "zeros", "holes", "unaligned", "empty", "mixed", "one-byte"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task A_volume_restores_byte_for_byte(string shape)
    {
        var volume = MakeVolume(shape);
        var size = new FileInfo(volume.Path).Length;

        var result = await _fx.BackupAsync(_engine, volume, "b1");
        var restored = await _fx.RestoreAsync(_engine, "b1", size);

        Assert.Equal(volume.Sha256(), restored.Sha256());
        Assert.Equal(size, result.LogicalBytes);
        Assert.Equal((size + 65535) / 65536, result.StoredBlocks + result.ZeroBlocks);
    }

    [Fact]
    public async Task Zero_blocks_are_not_stored_and_restore_as_zeros_over_old_data()
    {
        var volume = _fx.NewVolume(2 << 20);
        volume.Write(0, new byte[2 << 20]); // written zeros, not holes
        volume.Write(1 << 20, VolumeFile.RandomBytes(65536, 7));

        var result = await _fx.BackupAsync(_engine, volume, "b1");
        var target = _fx.NewVolume(2 << 20);
        target.Write(0, VolumeFile.RandomBytes(2 << 20, 8)); // a used target full of garbage
        await _fx.RestoreAsync(_engine, "b1", 2 << 20, target);

        Assert.Equal(1, result.StoredBlocks);
        Assert.Equal(31, result.ZeroBlocks);
        Assert.Equal(volume.Sha256(), target.Sha256());
    }

    [Fact]
    public async Task A_restore_into_a_larger_volume_writes_the_backup_at_its_start()
    {
        var volume = MakeVolume("unaligned");
        var size = new FileInfo(volume.Path).Length;
        await _fx.BackupAsync(_engine, volume, "b1");

        var restored = await _fx.RestoreAsync(_engine, "b1", size + (3 << 20));

        Assert.Equal(volume.Sha256(), restored.Sha256(size));
    }

    [Fact]
    public async Task A_restore_into_a_smaller_volume_is_refused()
    {
        var volume = MakeVolume("random");
        await _fx.BackupAsync(_engine, volume, "b1");

        var e = await Assert.ThrowsAsync<RestoreTargetTooSmallException>(() => _fx.RestoreAsync(_engine, "b1", 1 << 20));
        Assert.Contains("smaller than backup b1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_reaches_the_volume_size_on_backup_and_restore()
    {
        var volume = MakeVolume("holes");
        var size = new FileInfo(volume.Path).Length;
        var seen = new List<TransferProgress>();
        var progress = new SynchronousProgress(seen);
        var ct = TestContext.Current.CancellationToken;

        using (var handle = volume.Open())
        {
            await _engine.BackupAsync(handle, _fx.Store, DataPathFixture.Describe("b1"), progress, ct);
        }

        Assert.Equal(new TransferProgress(size, size), seen[^1]);
        seen.Clear();
        var target = _fx.NewVolume(size);
        using (var handle = target.Open(writable: true))
        {
            await _engine.RestoreAsync(_fx.Store, "b1", handle, progress, ct);
        }

        Assert.Equal(size, seen.Max(p => p.BytesDone));
        Assert.All(seen, p => Assert.Equal(size, p.BytesTotal));
    }

    [Fact]
    public async Task Listing_finds_every_backup_from_its_root_alone()
    {
        var volume = MakeVolume("mixed");
        await _fx.BackupAsync(_engine, volume, "b1");
        await _fx.BackupAsync(_engine, volume, "b2", previous: "b1");

        var listed = await _engine.ListBackupsAsync(_fx.Store, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["b1", "b2"], listed.Select(m => m.BackupId));
        Assert.Equal("name b2", listed[1].DisplayName);
        Assert.Equal("b1", listed[1].PreviousBackupId);
        Assert.Equal(new FileInfo(volume.Path).Length, listed[0].VolumeSize);
    }

    private VolumeFile MakeVolume(string shape)
    {
        switch (shape)
        {
            case "random":
                var random = _fx.NewVolume(3 << 20);
                random.Write(0, VolumeFile.RandomBytes(3 << 20, 1));
                return random;
            case "zeros":
                var zeros = _fx.NewVolume(2 << 20);
                zeros.Write(0, new byte[2 << 20]);
                return zeros;
            case "holes":
                var holes = _fx.NewVolume(5 << 20);
                holes.Write(100_000, VolumeFile.RandomBytes(200_000, 2));
                holes.Write(4 << 20, VolumeFile.TextBytes(300_000, 3));
                return holes;
            case "unaligned":
                var unaligned = _fx.NewVolume((1 << 20) + 12345);
                unaligned.Write(0, VolumeFile.RandomBytes((1 << 20) + 12345, 4));
                return unaligned;
            case "empty":
                return _fx.NewVolume(0);
            case "one-byte":
                var one = _fx.NewVolume(1);
                one.Write(0, [42]);
                return one;
            default:
                var mixed = _fx.NewVolume(6 << 20);
                mixed.Write(0, VolumeFile.TextBytes(2 << 20, 5));
                mixed.Write(3 << 20, VolumeFile.RandomBytes(1 << 20, 6));
                mixed.Write(5 << 20, VolumeFile.TextBytes(1 << 19, 5)); // repeats blocks of the first region
                return mixed;
        }
    }

    private sealed class SynchronousProgress(List<TransferProgress> seen) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value)
        {
            lock (seen)
            {
                seen.Add(value);
            }
        }
    }
}
