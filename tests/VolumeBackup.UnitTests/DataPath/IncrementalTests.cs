using VolumeBackup.DataPath;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.Testing.DataPath;

namespace VolumeBackup.UnitTests.DataPath;

public sealed class IncrementalTests : IDisposable
{
    private readonly DataPathFixture _fx = new();
    private readonly BackupEngine _engine = new(DataPathFixture.SmallOptions, TimeProvider.System);

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task A_second_backup_uploads_only_changed_blocks_and_reuses_unchanged_segments()
    {
        var ct = TestContext.Current.CancellationToken;
        var volume = _fx.NewVolume(4 << 20);
        volume.Write(0, VolumeFile.RandomBytes(4 << 20, 1));
        var first = await _fx.BackupAsync(_engine, volume, "b1");
        var before = volume.Sha256();
        volume.Write(65536 * 3, VolumeFile.RandomBytes(65536, 2)); // span 0
        volume.Write(65536 * 40, VolumeFile.RandomBytes(100, 3)); // span 2

        var second = await _fx.BackupAsync(_engine, volume, "b2", previous: "b1");

        Assert.Equal(64, first.NewBlocks);
        Assert.Equal(2, second.NewBlocks);
        Assert.Equal(2, second.NewSegments);
        Assert.Equal(1, second.NewPacks);
        var root1 = await ManifestReader.ReadRootAsync(_fx.Store, "b1", ct);
        var root2 = await ManifestReader.ReadRootAsync(_fx.Store, "b2", ct);
        Assert.Equal(root1.Segments[1], root2.Segments[1]);
        Assert.Equal(root1.Segments[3], root2.Segments[3]);
        Assert.NotEqual(root1.Segments[0], root2.Segments[0]);
        Assert.Equal(before, (await _fx.RestoreAsync(_engine, "b1", 4 << 20)).Sha256());
        Assert.Equal(volume.Sha256(), (await _fx.RestoreAsync(_engine, "b2", 4 << 20)).Sha256());
    }

    [Fact]
    public async Task An_unchanged_volume_adds_only_a_root()
    {
        var volume = _fx.NewVolume(2 << 20);
        volume.Write(0, VolumeFile.TextBytes(2 << 20, 1));
        await _fx.BackupAsync(_engine, volume, "b1");
        var recorder = new RecordingObjectStore(_fx.Store);

        var second = await _fx.BackupAsync(_engine, volume, "b2", "b1", recorder);

        Assert.Equal(0, second.NewBlocks);
        Assert.Equal(["locks/backup-b2", "backups/b2/manifest.json"], recorder.Puts.ToArray());
    }

    [Fact]
    public async Task A_block_repeated_within_a_volume_is_stored_once()
    {
        var volume = _fx.NewVolume(2 << 20);
        var block = VolumeFile.RandomBytes(65536, 9);
        for (var i = 0; i < 32; i++)
        {
            volume.Write(i * 65536L, block);
        }

        var result = await _fx.BackupAsync(_engine, volume, "b1");

        Assert.Equal(1, result.NewBlocks);
        Assert.Equal(32, result.StoredBlocks);
        Assert.Equal(volume.Sha256(), (await _fx.RestoreAsync(_engine, "b1", 2 << 20)).Sha256());
    }

    [Fact]
    public async Task A_block_index_dedups_across_volumes()
    {
        var index = new InMemoryBlockIndex();
        var engine = _engine;
        var first = _fx.NewVolume(2 << 20);
        first.Write(0, VolumeFile.RandomBytes(2 << 20, 1));
        var second = _fx.NewVolume(3 << 20);
        second.Write(1 << 20, VolumeFile.RandomBytes(2 << 20, 1));
        await _fx.BackupAsync(engine, first, "b1", index: index);

        var result = await _fx.BackupAsync(engine, second, "b2", index: index);

        Assert.Equal(0, result.NewBlocks);
        Assert.Equal(second.Sha256(), (await _fx.RestoreAsync(engine, "b2", 3 << 20)).Sha256());
    }

    [Fact]
    public async Task A_sweep_removes_deleted_packs_from_the_block_index_before_deleting_them()
    {
        var ct = TestContext.Current.CancellationToken;
        var index = new InMemoryBlockIndex();
        var engine = _engine;
        var volume = _fx.NewVolume(2 << 20);
        volume.Write(0, VolumeFile.RandomBytes(2 << 20, 1));
        await _fx.BackupAsync(engine, volume, "b1", index: index);
        await engine.DeleteBackupAsync(_fx.Store, "b1", index, ct);

        var again = await _fx.BackupAsync(engine, volume, "b2", index: index);

        Assert.Equal(32, again.NewBlocks); // nothing deduped against packs that are gone
        Assert.Equal(volume.Sha256(), (await _fx.RestoreAsync(engine, "b2", 2 << 20)).Sha256());
    }
}
