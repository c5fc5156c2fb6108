using VolumeBackup.DataPath;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.DataPath.Packs;
using VolumeBackup.Testing.DataPath;

namespace VolumeBackup.UnitTests.DataPath;

public sealed class DamageTests : IDisposable
{
    private readonly DataPathFixture _fx = new();
    private readonly BackupEngine _engine = new(DataPathFixture.SmallOptions, TimeProvider.System);

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task A_flipped_byte_in_a_pack_fails_the_restore_naming_the_block()
    {
        await BackUpRandomVolumeAsync();
        var pack = Path.Combine(_fx.StoreDirectory, _fx.Keys("packs")[0]);
        var bytes = await File.ReadAllBytesAsync(pack, TestContext.Current.CancellationToken);
        bytes[8 + 65536 + 10] ^= 0x01; // second block of the first pack (random data is stored raw)
        await File.WriteAllBytesAsync(pack, bytes, TestContext.Current.CancellationToken);

        var e = await Assert.ThrowsAsync<DataPathException>(() => _fx.RestoreAsync(_engine, "b1", 2 << 20));

        Assert.Matches(@"^Block \d+ \(volume offset \d+\) of backup b1 is damaged: its data in pack [0-9a-f]{64} does not match", e.Message);
    }

    [Fact]
    public async Task A_truncated_pack_fails_the_restore()
    {
        await BackUpRandomVolumeAsync();
        var pack = Path.Combine(_fx.StoreDirectory, _fx.Keys("packs")[0]);
        await File.WriteAllBytesAsync(pack, (await File.ReadAllBytesAsync(pack, TestContext.Current.CancellationToken))[..1000], TestContext.Current.CancellationToken);

        var e = await Assert.ThrowsAsync<DataPathException>(() => _fx.RestoreAsync(_engine, "b1", 2 << 20));

        Assert.Contains("of backup b1 cannot be restored: pack", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_pack_fails_the_restore()
    {
        await BackUpRandomVolumeAsync();
        File.Delete(Path.Combine(_fx.StoreDirectory, _fx.Keys("packs")[^1]));

        var e = await Assert.ThrowsAsync<DataPathException>(() => _fx.RestoreAsync(_engine, "b1", 2 << 20));

        Assert.Contains("is missing from the container", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_segment_fails_the_restore()
    {
        await BackUpRandomVolumeAsync();
        var segment = Path.Combine(_fx.StoreDirectory, _fx.Keys("segments")[0]);
        var bytes = await File.ReadAllBytesAsync(segment, TestContext.Current.CancellationToken);
        bytes[^1] ^= 0x01;
        await File.WriteAllBytesAsync(segment, bytes, TestContext.Current.CancellationToken);

        var e = await Assert.ThrowsAsync<DataPathException>(() => _fx.RestoreAsync(_engine, "b1", 2 << 20));

        Assert.Matches("^Backup b1 is damaged: segment [0-9a-f]{64} does not match its checksum", e.Message);
    }

    [Fact]
    public async Task A_damaged_root_fails_the_restore()
    {
        await BackUpRandomVolumeAsync();
        var root = Path.Combine(_fx.StoreDirectory, ManifestKeys.RootOf("b1"));
        await File.WriteAllTextAsync(root, (await File.ReadAllTextAsync(root, TestContext.Current.CancellationToken))[..50], TestContext.Current.CancellationToken);

        var e = await Assert.ThrowsAsync<DataPathException>(() => _fx.RestoreAsync(_engine, "b1", 2 << 20));

        Assert.Equal("The manifest of backup b1 is damaged and cannot be read.", e.Message);
    }

    [Fact]
    public async Task No_block_of_a_damaged_range_is_written()
    {
        await BackUpRandomVolumeAsync();
        var pack = Path.Combine(_fx.StoreDirectory, PackFormat.KeyOf(PackFormat.IdOf("b1", 0))); // blocks 0-3
        var bytes = await File.ReadAllBytesAsync(pack, TestContext.Current.CancellationToken);
        bytes[8 + 3 * 65536 + 5] ^= 0x01; // the fourth block of the pack, at the end of a 4-block range
        await File.WriteAllBytesAsync(pack, bytes, TestContext.Current.CancellationToken);
        var options = DataPathFixture.SmallOptions with { DownloadConcurrency = 1 };
        var engine = new BackupEngine(options, TimeProvider.System);

        var target = _fx.NewVolume(2 << 20);
        await Assert.ThrowsAsync<DataPathException>(() => _fx.RestoreAsync(engine, "b1", 2 << 20, target));

        using var handle = target.Open();
        Assert.DoesNotContain(handle.GetAllocatedRanges(), r => r.Offset < 4 * 65536);
    }

    private async Task BackUpRandomVolumeAsync()
    {
        var volume = _fx.NewVolume(2 << 20);
        volume.Write(0, VolumeFile.RandomBytes(2 << 20, 1));
        await _fx.BackupAsync(_engine, volume, "b1");
    }
}
