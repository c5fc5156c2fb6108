using VolumeBackup.DataPath;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.Testing.DataPath;

namespace VolumeBackup.UnitTests.DataPath;

/// <summary>
/// Users manage the container's objects directly and may delete some. A backup never refers again to a pack or segment
/// that is gone: it stores those bytes anew, so it and every later backup restore in full.
/// </summary>
public sealed class MissingObjectTests : IDisposable
{
    private readonly DataPathFixture _fx = new();
    private readonly BackupEngine _engine = new(DataPathFixture.SmallOptions, TimeProvider.System);

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task A_pack_deleted_outside_the_service_is_not_reused_and_the_next_backup_stores_its_blocks_again()
    {
        var ct = TestContext.Current.CancellationToken;
        var volume = _fx.NewVolume(4 << 20);
        volume.Write(0, VolumeFile.RandomBytes(4 << 20, 1));
        await _fx.BackupAsync(_engine, volume, "b1");
        var packs = await ListAsync("packs/", ct);
        Assert.True(packs.Count > 1);
        await _fx.Store.DeleteAsync(packs[0], ct);

        var second = await _fx.BackupAsync(_engine, volume, "b2", previous: "b1");

        Assert.True(second.BlocksFromMissingPacks > 0);
        Assert.Equal(second.BlocksFromMissingPacks, second.NewBlocks);
        Assert.Equal(volume.Sha256(), (await _fx.RestoreAsync(_engine, "b2", 4 << 20)).Sha256());
        var third = await _fx.BackupAsync(_engine, volume, "b3", previous: "b2");
        Assert.Equal(0, third.BlocksFromMissingPacks);
        Assert.Equal(0, third.NewBlocks);
    }

    [Fact]
    public async Task A_segment_deleted_outside_the_service_is_written_again_even_when_its_blocks_are_all_found()
    {
        // With a block index every block of the span is found at its old location, so the new segment is byte-identical
        // to the deleted one: only knowing that the old object is gone makes the backup write it again.
        var ct = TestContext.Current.CancellationToken;
        var engine = new BackupEngine(DataPathFixture.SmallOptions, TimeProvider.System);
        var index = new InMemoryBlockIndex();
        var volume = _fx.NewVolume(4 << 20);
        volume.Write(0, VolumeFile.TextBytes(4 << 20, 1));
        await _fx.BackupAsync(engine, volume, "b1", index: index);
        var root = await ManifestReader.ReadRootAsync(_fx.Store, "b1", ct);
        await _fx.Store.DeleteAsync(ManifestKeys.SegmentOf(Hash256.Parse(root.Segments[1].Hash)), ct);

        var second = await _fx.BackupAsync(engine, volume, "b2", previous: "b1", index: index);

        Assert.Equal(1, second.NewSegments);
        Assert.Equal(0, second.NewBlocks);
        Assert.Equal(volume.Sha256(), (await _fx.RestoreAsync(engine, "b2", 4 << 20)).Sha256());
    }

    [Fact]
    public async Task An_index_entry_naming_a_deleted_pack_is_not_trusted()
    {
        var ct = TestContext.Current.CancellationToken;
        var index = new InMemoryBlockIndex();
        var engine = new BackupEngine(DataPathFixture.SmallOptions, TimeProvider.System);
        var first = _fx.NewVolume(2 << 20);
        first.Write(0, VolumeFile.RandomBytes(2 << 20, 1));
        await _fx.BackupAsync(engine, first, "b1", index: index);
        foreach (var key in await ListAsync("packs/", ct))
        {
            await _fx.Store.DeleteAsync(key, ct); // the index still names every one of them
        }

        var second = _fx.NewVolume(2 << 20);
        second.Write(0, VolumeFile.RandomBytes(2 << 20, 1));
        var result = await _fx.BackupAsync(engine, second, "b2", index: index);

        Assert.Equal(32, result.BlocksFromMissingPacks);
        Assert.Equal(32, result.NewBlocks);
        Assert.Equal(second.Sha256(), (await _fx.RestoreAsync(engine, "b2", 2 << 20)).Sha256());
    }

    private async Task<List<string>> ListAsync(string prefix, CancellationToken ct)
    {
        var keys = new List<string>();
        await foreach (var info in _fx.Store.ListAsync(prefix, ct))
        {
            keys.Add(info.Key);
        }

        return keys;
    }
}
