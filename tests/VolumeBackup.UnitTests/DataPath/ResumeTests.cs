using VolumeBackup.DataPath;
using VolumeBackup.ObjectStores;
using VolumeBackup.Testing.DataPath;

namespace VolumeBackup.UnitTests.DataPath;

public sealed class ResumeTests : IDisposable
{
    private readonly DataPathFixture _fx = new();
    private readonly BackupEngine _engine = new(DataPathFixture.SmallOptions, TimeProvider.System);

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task A_backup_run_again_after_failing_before_its_root_uploads_no_pack_again()
    {
        var volume = _fx.NewVolume(3 << 20);
        volume.Write(0, VolumeFile.RandomBytes(3 << 20, 1));
        var failing = new RecordingObjectStore(_fx.Store) { FailPut = (key, _) => key.StartsWith("backups/", StringComparison.Ordinal) };
        await Assert.ThrowsAsync<ObjectStoreException>(() => _fx.BackupAsync(_engine, volume, "b1", store: failing));
        var landed = failing.Puts.Where(k => k.StartsWith("packs/", StringComparison.Ordinal)).ToArray();
        var again = new RecordingObjectStore(_fx.Store);

        var result = await _fx.BackupAsync(_engine, volume, "b1", store: again);

        Assert.Equal(landed.Length, result.ResumedPacks);
        Assert.Equal(0, result.NewPacks);
        Assert.DoesNotContain(again.Puts, k => k.StartsWith("packs/", StringComparison.Ordinal));
        Assert.Equal(volume.Sha256(), (await _fx.RestoreAsync(_engine, "b1", 3 << 20)).Sha256());
    }

    [Fact]
    public async Task A_backup_interrupted_between_packs_uploads_only_the_packs_that_did_not_land()
    {
        var volume = _fx.NewVolume(4 << 20);
        volume.Write(0, VolumeFile.RandomBytes(4 << 20, 2));
        var packPuts = 0;
        var failing = new RecordingObjectStore(_fx.Store)
        {
            FailPut = (key, _) => key.StartsWith("packs/", StringComparison.Ordinal) && Interlocked.Increment(ref packPuts) == 4,
        };
        await Assert.ThrowsAsync<ObjectStoreException>(() => _fx.BackupAsync(_engine, volume, "b1", store: failing));
        var landed = failing.Puts.Where(k => k.StartsWith("packs/", StringComparison.Ordinal)).ToHashSet();
        var again = new RecordingObjectStore(_fx.Store);

        var result = await _fx.BackupAsync(_engine, volume, "b1", store: again);

        Assert.InRange(landed.Count, 3, 16);
        Assert.Equal(landed.Count, result.ResumedPacks);
        Assert.Empty(again.Puts.Intersect(landed));
        Assert.Equal(64, result.StoredBlocks);
        Assert.Equal(64 - (landed.Count * 4), result.NewBlocks);
        Assert.Equal(volume.Sha256(), (await _fx.RestoreAsync(_engine, "b1", 4 << 20)).Sha256());
    }

    [Fact]
    public async Task A_failed_backup_releases_its_lock_so_a_sweep_can_remove_its_packs()
    {
        var ct = TestContext.Current.CancellationToken;
        var volume = _fx.NewVolume(1 << 20);
        volume.Write(0, VolumeFile.RandomBytes(1 << 20, 3));
        var failing = new RecordingObjectStore(_fx.Store) { FailPut = (key, _) => key.StartsWith("backups/", StringComparison.Ordinal) };
        await Assert.ThrowsAsync<ObjectStoreException>(() => _fx.BackupAsync(_engine, volume, "b1", store: failing));
        Assert.NotEmpty(_fx.Keys("packs"));

        var sweep = await _engine.SweepAsync(_fx.Store, ct);

        Assert.False(sweep.Deferred);
        Assert.Empty(_fx.Keys("packs"));
        Assert.Empty(_fx.Keys("locks"));
    }
}
