using VolumeBackup.DataPath;
using VolumeBackup.ObjectStores;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.ObjectStores;

namespace VolumeBackup.UnitTests.DataPath;

public sealed class BlockIndexRebuildTests : IDisposable
{
    private readonly DataPathFixture _fx = new();
    private readonly BackupEngine _engine = new(DataPathFixture.SmallOptions, TimeProvider.System);

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task A_backup_into_a_container_without_packs_marks_its_index_complete_at_once()
    {
        var index = new InMemoryBlockIndex();
        var volume = _fx.NewVolume(1 << 20);
        volume.Write(0, VolumeFile.RandomBytes(1 << 20, 1));

        await _fx.BackupAsync(_engine, volume, "b1", index: index);

        Assert.True(await index.IsCompleteAsync(TestContext.Current.CancellationToken));
        Assert.True(index.Lookups > 0);
    }

    [Fact]
    public async Task A_backup_rebuilds_an_incomplete_index_from_the_packs_and_then_dedups_through_it()
    {
        var first = _fx.NewVolume(2 << 20);
        first.Write(0, VolumeFile.RandomBytes(2 << 20, 1));
        await _fx.BackupAsync(_engine, first, "b1"); // no index: nothing records b1's blocks
        var index = new InMemoryBlockIndex();
        var second = _fx.NewVolume(2 << 20);
        second.Write(0, VolumeFile.RandomBytes(2 << 20, 1));

        var result = await _fx.BackupAsync(_engine, second, "b2", index: index);

        Assert.Equal(0, result.NewBlocks);
        Assert.True(await index.IsCompleteAsync(TestContext.Current.CancellationToken));
        Assert.Equal(_fx.Keys("packs").Length, index.Packs.Count);
        Assert.Equal(second.Sha256(), (await _fx.RestoreAsync(_engine, "b2", 2 << 20)).Sha256());
    }

    [Fact]
    public async Task A_backup_whose_rebuild_fails_does_without_the_index_and_leaves_it_incomplete()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = _fx.NewVolume(2 << 20);
        first.Write(0, VolumeFile.RandomBytes(2 << 20, 1));
        await _fx.BackupAsync(_engine, first, "b1");
        var index = new InMemoryBlockIndex();
        var faulty = new FaultyObjectStore(_fx.Store)
        {
            Fault = (op, _) => op == "range" ? new ObjectStoreException("pack index unreadable", isTransient: true) : null,
        };
        var second = _fx.NewVolume(2 << 20);
        second.Write(0, VolumeFile.RandomBytes(2 << 20, 1));

        var result = await _fx.BackupAsync(_engine, second, "b2", store: faulty, index: index);

        Assert.Equal(0, index.Lookups);
        Assert.Equal("pack index unreadable", result.IndexRebuild?.StoreError?.Message); // told, not dropped
        Assert.Equal(32, result.NewBlocks); // nothing deduped: the half-built index was not trusted
        Assert.False(await index.IsCompleteAsync(ct));
        Assert.Equal(second.Sha256(), (await _fx.RestoreAsync(_engine, "b2", 2 << 20)).Sha256());

        var third = await _fx.BackupAsync(_engine, second, "b3", index: index); // the next backup rebuilds it

        Assert.True(await index.IsCompleteAsync(ct));
        Assert.Equal(0, third.NewBlocks);
    }

    [Fact]
    public async Task A_rebuild_leaves_out_a_damaged_pack_and_indexes_the_others()
    {
        var ct = TestContext.Current.CancellationToken;
        var volume = _fx.NewVolume(2 << 20);
        volume.Write(0, VolumeFile.RandomBytes(2 << 20, 1));
        await _fx.BackupAsync(_engine, volume, "b1");
        var packs = _fx.Keys("packs");
        var damaged = Path.Combine(_fx.StoreDirectory, packs[0]);
        var bytes = await File.ReadAllBytesAsync(damaged, ct);
        bytes[^1] ^= 0xFF; // the trailer's magic
        await File.WriteAllBytesAsync(damaged, bytes, ct);
        var index = new InMemoryBlockIndex();

        var result = await BlockIndexRebuild.RunAsync(_fx.Store, index, 2, null, ct);

        Assert.Equal(new BlockIndexRebuildResult(packs.Length - 1, 1), result);
        Assert.Equal(packs.Length - 1, index.Packs.Count);
    }

    [Fact]
    public async Task A_backup_tells_how_many_damaged_packs_its_rebuild_left_out()
    {
        var ct = TestContext.Current.CancellationToken;
        var volume = _fx.NewVolume(2 << 20);
        volume.Write(0, VolumeFile.RandomBytes(2 << 20, 1));
        await _fx.BackupAsync(_engine, volume, "b1");
        var packs = _fx.Keys("packs");
        var damaged = Path.Combine(_fx.StoreDirectory, packs[0]);
        var bytes = await File.ReadAllBytesAsync(damaged, ct);
        bytes[^1] ^= 0xFF; // the trailer's magic
        await File.WriteAllBytesAsync(damaged, bytes, ct);

        var result = await _fx.BackupAsync(_engine, volume, "b2", index: new InMemoryBlockIndex());

        Assert.Equal(new BlockIndexRebuildResult(packs.Length - 1, 1), result.IndexRebuild);
        var complete = new InMemoryBlockIndex();
        await complete.MarkCompleteAsync(ct);
        var untouched = await _fx.BackupAsync(_engine, volume, "b3", index: complete);
        Assert.Null(untouched.IndexRebuild); // a complete index is not rebuilt
    }

    [Fact]
    public async Task Rows_that_outlived_their_packs_are_ignored_and_forgotten_by_the_next_backup()
    {
        var ct = TestContext.Current.CancellationToken;
        var index = new InMemoryBlockIndex();
        var volume = _fx.NewVolume(2 << 20);
        volume.Write(0, VolumeFile.RandomBytes(2 << 20, 1));
        await _fx.BackupAsync(_engine, volume, "b1", index: index);
        await _engine.DeleteBackupAsync(_fx.Store, "b1", ct); // swept without the index: it still names b1's packs
        Assert.NotEmpty(index.Packs);
        Assert.Empty(_fx.Keys("packs"));

        var again = await _fx.BackupAsync(_engine, volume, "b2", index: index);

        Assert.Equal(32, again.NewBlocks);
        var existing = _fx.Keys("packs").ToHashSet();
        Assert.All(index.Packs, p => Assert.Contains(VolumeBackup.DataPath.Packs.PackFormat.KeyOf(p), existing));
        Assert.Equal(volume.Sha256(), (await _fx.RestoreAsync(_engine, "b2", 2 << 20)).Sha256());
    }
}
