using Microsoft.Extensions.Time.Testing;
using VolumeBackup.DataPath;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.DataPath.Packs;
using VolumeBackup.Testing.DataPath;

namespace VolumeBackup.UnitTests.DataPath;

public sealed class CompactionTests : IDisposable
{
    private readonly DataPathFixture _fx = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task Deleting_a_backup_compacts_the_packs_it_leaves_mostly_dead_and_the_rest_restore_exactly()
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = new BackupEngine(CompactionScenario.Options(), _time);
        var scenario = await CompactionScenario.CreateAsync(_fx, engine);
        var rootBytes = new FileInfo(Path.Combine(_fx.StoreDirectory, ManifestKeys.RootOf("b1"))).Length;
        var before = CompactionScenario.StoredBytes(_fx);

        var result = await engine.DeleteBackupAsync(_fx.Store, "b1", ct);

        var sweep = result.Sweep;
        Assert.False(sweep.Deferred);
        Assert.Equal(4, sweep.CompactedPacks);
        Assert.Equal(16 * CompactionScenario.BlockSize, sweep.CopiedBytes);
        Assert.Equal(1, sweep.WrittenPacks);
        Assert.Equal(4, sweep.DeletedPacks);
        Assert.Equal(4 + 8, sweep.DeletedSegments); // b1's own four, and the eight of b2 and b3 that were rewritten
        Assert.Empty(sweep.DamagedPacks);
        Assert.False(sweep.ReplacedObjectsKept);
        Assert.True(sweep.ReclaimedBytes > 3 * 16 * CompactionScenario.BlockSize);
        Assert.Equal(before - CompactionScenario.StoredBytes(_fx), rootBytes + sweep.ReclaimedBytes);
        Assert.Empty(_fx.Keys("packs").Intersect(scenario.PacksOfB1));
        Assert.Empty(_fx.Keys("locks"));
        await scenario.AssertRestoresAsync(_fx, engine, _fx.Store, "b2");
        await scenario.AssertRestoresAsync(_fx, engine, _fx.Store, "b3");
        Assert.Equal(
            (await CompactionScenario.ReferencedKeysAsync(_fx.Store)).Order(StringComparer.Ordinal),
            _fx.Keys("packs").Concat(_fx.Keys("segments")).Order(StringComparer.Ordinal));

        var again = await engine.SweepAsync(_fx.Store, ct);

        Assert.False(again.Deferred);
        Assert.Equal((0, 0, 0, 0L, 0L), (again.CompactedPacks, again.DeletedPacks, again.DeletedSegments, again.CopiedBytes, again.ReclaimedBytes));
    }

    [Fact]
    public async Task Rewritten_roots_keep_every_field_but_their_segment_list()
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = new BackupEngine(CompactionScenario.Options(), _time);
        await CompactionScenario.CreateAsync(_fx, engine);
        var before = await ManifestReader.ReadRootAsync(_fx.Store, "b2", ct);

        await engine.DeleteBackupAsync(_fx.Store, "b1", ct);

        var after = await ManifestReader.ReadRootAsync(_fx.Store, "b2", ct);
        Assert.NotEqual(before.Segments.Select(s => s.Hash), after.Segments.Select(s => s.Hash));
        Assert.Equal(before.Segments.Select(s => s.Index), after.Segments.Select(s => s.Index));
        Assert.Equal(before with { Segments = after.Segments }, after);
        var info = await _fx.Store.TryGetInfoAsync(ManifestKeys.RootOf("b2"), ct);
        Assert.Equal("b2", info!.Metadata["backup-id"]);
    }

    [Fact]
    public async Task A_pack_just_above_the_live_fraction_is_left_alone_and_one_just_below_is_compacted()
    {
        var ct = TestContext.Current.CancellationToken;
        var volume = _fx.NewVolume(16 * CompactionScenario.BlockSize);
        volume.Write(0, VolumeFile.RandomBytes(16 * CompactionScenario.BlockSize, 1));
        var engine = new BackupEngine(CompactionScenario.Options(), _time);
        await _fx.BackupAsync(engine, volume, "b1");
        var pack = Assert.Single(_fx.Keys("packs"));
        volume.Write(0, VolumeFile.RandomBytes(7 * CompactionScenario.BlockSize, 2)); // 9 of 16 blocks stay live
        await _fx.BackupAsync(engine, volume, "b2", "b1");
        await _fx.Store.DeleteAsync(ManifestKeys.RootOf("b1"), ct);
        var footprint = (9.0 * (CompactionScenario.BlockSize + PackFormat.IndexEntrySize)) + PackFormat.HeaderSize + PackFormat.TrailerSize;
        var fraction = footprint / new FileInfo(Path.Combine(_fx.StoreDirectory, pack)).Length;

        var above = await new BackupEngine(CompactionScenario.Options(fraction - 1e-6), _time).SweepAsync(_fx.Store, ct);

        Assert.Equal(0, above.CompactedPacks);
        Assert.Contains(pack, _fx.Keys("packs"));
        var below = await new BackupEngine(CompactionScenario.Options(fraction + 1e-6), _time).SweepAsync(_fx.Store, ct);

        Assert.Equal(1, below.CompactedPacks);
        Assert.Equal(9 * CompactionScenario.BlockSize, below.CopiedBytes);
        Assert.DoesNotContain(pack, _fx.Keys("packs"));
        Assert.Equal(volume.Sha256(), (await _fx.RestoreAsync(engine, "b2", 16 * CompactionScenario.BlockSize)).Sha256());
    }

    [Fact]
    public async Task A_fully_live_pack_of_tiny_blocks_whose_index_outweighs_its_data_is_never_compacted()
    {
        var ct = TestContext.Current.CancellationToken;
        var volume = _fx.NewVolume(16 * CompactionScenario.BlockSize);
        for (var i = 0; i < 16; i++)
        {
            volume.Write(i * (long)CompactionScenario.BlockSize, [(byte)(i + 1)]); // compresses to a few dozen bytes
        }

        var engine = new BackupEngine(CompactionScenario.Options(), _time);
        await _fx.BackupAsync(engine, volume, "b1");
        var pack = Assert.Single(_fx.Keys("packs"));
        Assert.True(new FileInfo(Path.Combine(_fx.StoreDirectory, pack)).Length < 2 * 16 * PackFormat.IndexEntrySize);

        var sweep = await engine.SweepAsync(_fx.Store, ct);

        Assert.Equal((0, 0L), (sweep.CompactedPacks, sweep.CopiedBytes));
        Assert.Equal([pack], _fx.Keys("packs"));
    }

    [Fact]
    public async Task A_sweep_copies_no_more_than_its_budget_and_later_sweeps_finish_the_work()
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = new BackupEngine(CompactionScenario.Options(maxBytesPerSweep: 4 * CompactionScenario.BlockSize), _time);
        var scenario = await CompactionScenario.CreateAsync(_fx, engine);

        var first = (await engine.DeleteBackupAsync(_fx.Store, "b1", ct)).Sweep;

        Assert.Equal((1, 3, 4L * CompactionScenario.BlockSize), (first.CompactedPacks, first.CompactionPacksLeft, first.CopiedBytes));
        var compacted = first.CompactedPacks;
        for (var i = 0; i < 3; i++)
        {
            var next = await engine.SweepAsync(_fx.Store, ct);
            Assert.True(next.CopiedBytes <= 4 * CompactionScenario.BlockSize);
            compacted += next.CompactedPacks;
        }

        Assert.Equal(4, compacted);
        Assert.Empty(_fx.Keys("packs").Intersect(scenario.PacksOfB1));
        await scenario.AssertRestoresAsync(_fx, engine, _fx.Store, "b2");
        await scenario.AssertRestoresAsync(_fx, engine, _fx.Store, "b3");
    }

    [Fact]
    public async Task A_damaged_block_in_a_pack_due_for_compaction_leaves_that_pack_as_it_is_and_is_reported()
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = new BackupEngine(CompactionScenario.Options(), _time);
        var scenario = await CompactionScenario.CreateAsync(_fx, engine);
        var root = await ManifestReader.ReadRootAsync(_fx.Store, "b2", ct);
        var segment = await ManifestReader.ReadSegmentAsync(_fx.Store, Hash256.Parse(root.Segments[0].Hash), 16, "b2", ct);
        var block12 = segment.Entries.Single(e => e.Block == 12).Location; // still b1's: live in b2 and b3
        var packPath = Path.Combine(_fx.StoreDirectory, PackFormat.KeyOf(block12.Pack));
        var bytes = await File.ReadAllBytesAsync(packPath, ct);
        bytes[block12.Offset + 100] ^= 0xFF;
        await File.WriteAllBytesAsync(packPath, bytes, ct);

        var sweep = (await engine.DeleteBackupAsync(_fx.Store, "b1", ct)).Sweep;

        var damage = Assert.Single(sweep.DamagedPacks);
        Assert.Contains(block12.Pack.ToString(), damage, StringComparison.Ordinal);
        Assert.Contains($"offset {block12.Offset}", damage, StringComparison.Ordinal);
        Assert.Equal(3, sweep.CompactedPacks);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(packPath, ct));
        var restore = await Assert.ThrowsAsync<DataPathException>(() => _fx.RestoreAsync(engine, "b2", CompactionScenario.VolumeBytes));
        Assert.Contains("Block 12 ", restore.Message, StringComparison.Ordinal);

        bytes[block12.Offset + 100] ^= 0xFF; // repaired: nothing else was lost
        await File.WriteAllBytesAsync(packPath, bytes, ct);
        await scenario.AssertRestoresAsync(_fx, engine, _fx.Store, "b2");
        await scenario.AssertRestoresAsync(_fx, engine, _fx.Store, "b3");
    }

    [Fact]
    public async Task Compaction_points_the_block_index_at_the_copies()
    {
        var ct = TestContext.Current.CancellationToken;
        var index = new InMemoryBlockIndex();
        var engine = new BackupEngine(CompactionScenario.Options(), _time);
        var scenario = await CompactionScenario.CreateAsync(_fx, engine, index);

        await engine.DeleteBackupAsync(_fx.Store, "b1", index, ct);

        var existing = _fx.Keys("packs").ToHashSet();
        Assert.All(index.Packs, p => Assert.Contains(PackFormat.KeyOf(p), existing));
        var volume = _fx.NewVolume(CompactionScenario.VolumeBytes);
        using (var handle = volume.Open(writable: true))
        {
            await engine.RestoreAsync(_fx.Store, "b3", handle, null, ct);
        }

        var again = await _fx.BackupAsync(engine, volume, "b4", index: index); // no previous backup: dedup through the index only
        Assert.Equal(0, again.NewBlocks);
        await engine.DeleteBackupAsync(_fx.Store, "b3", index, ct);
        scenario.Contents["b4"] = scenario.Contents["b3"];
        await scenario.AssertRestoresAsync(_fx, engine, _fx.Store, "b4");
    }
}
