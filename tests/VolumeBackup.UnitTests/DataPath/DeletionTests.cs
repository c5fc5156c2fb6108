using Microsoft.Extensions.Time.Testing;
using VolumeBackup.DataPath;
using VolumeBackup.DataPath.Pipelines;
using VolumeBackup.Testing.DataPath;

namespace VolumeBackup.UnitTests.DataPath;

public sealed class DeletionTests : IDisposable
{
    private readonly DataPathFixture _fx = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly BackupEngine _engine;

    public DeletionTests() => _engine = new BackupEngine(DataPathFixture.SmallOptions, _time);

    public void Dispose() => _fx.Dispose();

    [Theory]
    [InlineData("b1,b2,b3")]
    [InlineData("b1,b3,b2")]
    [InlineData("b2,b1,b3")]
    [InlineData("b2,b3,b1")]
    [InlineData("b3,b1,b2")]
    [InlineData("b3,b2,b1")]
    public async Task Backups_can_be_deleted_in_any_order_and_the_rest_stay_restorable(string deletionOrder)
    {
        var order = deletionOrder.Split(',');
        var ct = TestContext.Current.CancellationToken;
        var volume = _fx.NewVolume(3 << 20);
        var contents = new Dictionary<string, string>();
        volume.Write(0, VolumeFile.RandomBytes(3 << 20, 1));
        await _fx.BackupAsync(_engine, volume, "b1");
        contents["b1"] = volume.Sha256();
        volume.Write(65536 * 5, VolumeFile.RandomBytes(65536 * 2, 2));
        await _fx.BackupAsync(_engine, volume, "b2", "b1");
        contents["b2"] = volume.Sha256();
        volume.Write(65536 * 20, VolumeFile.TextBytes(65536 * 3, 3));
        await _fx.BackupAsync(_engine, volume, "b3", "b2");
        contents["b3"] = volume.Sha256();

        var remaining = new List<string>(order);
        foreach (var id in order)
        {
            var result = await _engine.DeleteBackupAsync(_fx.Store, id, ct);
            remaining.Remove(id);
            Assert.True(result.RootDeleted);
            Assert.False(result.Sweep.Deferred);
            foreach (var other in remaining)
            {
                Assert.Equal(contents[other], (await _fx.RestoreAsync(_engine, other, 3 << 20)).Sha256());
            }
        }

        Assert.Empty(_fx.Keys("packs"));
        Assert.Empty(_fx.Keys("segments"));
        Assert.Empty(_fx.Keys("backups"));
        Assert.Empty(_fx.Keys("locks"));
    }

    [Fact]
    public async Task Deleting_a_backup_removes_exactly_the_objects_no_other_backup_refers_to()
    {
        var ct = TestContext.Current.CancellationToken;
        var volume = _fx.NewVolume(2 << 20);
        volume.Write(0, VolumeFile.RandomBytes(2 << 20, 1));
        await _fx.BackupAsync(_engine, volume, "b1");
        var packsOfB1 = _fx.Keys("packs");
        volume.Write(0, VolumeFile.RandomBytes(2 << 20, 2)); // every block changes
        await _fx.BackupAsync(_engine, volume, "b2", "b1");

        var result = await _engine.DeleteBackupAsync(_fx.Store, "b1", ct);

        Assert.Equal(packsOfB1.Length, result.Sweep.DeletedPacks);
        Assert.Equal(2, result.Sweep.DeletedSegments);
        Assert.True(result.Sweep.ReclaimedBytes > 2 << 20);
        Assert.Empty(_fx.Keys("packs").Intersect(packsOfB1));
        Assert.Equal(volume.Sha256(), (await _fx.RestoreAsync(_engine, "b2", 2 << 20)).Sha256());
    }

    [Fact]
    public async Task Deleting_twice_or_deleting_a_missing_backup_succeeds()
    {
        var ct = TestContext.Current.CancellationToken;
        var volume = _fx.NewVolume(1 << 20);
        volume.Write(0, VolumeFile.RandomBytes(1 << 20, 1));
        await _fx.BackupAsync(_engine, volume, "b1");

        Assert.True((await _engine.DeleteBackupAsync(_fx.Store, "b1", ct)).RootDeleted);
        Assert.False((await _engine.DeleteBackupAsync(_fx.Store, "b1", ct)).RootDeleted);
        Assert.False((await _engine.DeleteBackupAsync(_fx.Store, "never", ct)).RootDeleted);
        var e = await Assert.ThrowsAsync<DataPathException>(() => _fx.RestoreAsync(_engine, "b1", 1 << 20));
        Assert.Contains("Backup b1 has no manifest", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sweep_waits_while_a_backup_lock_is_live_and_runs_once_it_is_stale()
    {
        var ct = TestContext.Current.CancellationToken;
        var volume = _fx.NewVolume(1 << 20);
        volume.Write(0, VolumeFile.RandomBytes(1 << 20, 1));
        await _fx.BackupAsync(_engine, volume, "b1");
        var locks = new ContainerLocks(_fx.Store, _time, DataPathFixture.SmallOptions);
        await locks.WriteAsync(ContainerLock.BackupKind, "running", ct); // a backup in another process

        var deferred = await _engine.DeleteBackupAsync(_fx.Store, "b1", ct);
        Assert.True(deferred.Sweep.Deferred);
        Assert.NotEmpty(_fx.Keys("packs"));

        _time.Advance(DataPathFixture.SmallOptions.LockStaleAfter + TimeSpan.FromSeconds(1)); // its process died
        var swept = await _engine.SweepAsync(_fx.Store, ct);

        Assert.False(swept.Deferred);
        Assert.Empty(_fx.Keys("packs"));
        Assert.Empty(_fx.Keys("locks"));
    }

    [Fact]
    public async Task A_backup_waits_for_a_running_sweep_before_it_reads_anything()
    {
        var ct = TestContext.Current.CancellationToken;
        var volume = _fx.NewVolume(1 << 20);
        volume.Write(0, VolumeFile.RandomBytes(1 << 20, 1));
        var locks = new ContainerLocks(_fx.Store, _time, DataPathFixture.SmallOptions);
        await _fx.Store.EnsureContainerAsync(ct);
        var prune = await locks.WriteAsync(ContainerLock.PruneKind, "other", ct);

        var backup = _fx.BackupAsync(_engine, volume, "b1");
        while (_time.GetUtcNow() < new DateTimeOffset(2026, 1, 1, 0, 1, 0, TimeSpan.Zero) && !backup.IsCompleted)
        {
            await Task.Yield();
            _time.Advance(TimeSpan.FromSeconds(1)); // a minute of polling
        }

        Assert.False(backup.IsCompleted);
        Assert.Empty(_fx.Keys("packs"));
        await prune.ReleaseAsync(ct);
        while (!backup.IsCompleted)
        {
            await Task.Yield();
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        await backup;
        Assert.NotEmpty(_fx.Keys("packs"));
    }

    [Fact]
    public async Task Objects_under_backups_that_are_not_roots_are_neither_listed_nor_a_reason_to_stop_a_sweep()
    {
        var ct = TestContext.Current.CancellationToken;
        var volume = _fx.NewVolume(1 << 20);
        volume.Write(0, VolumeFile.RandomBytes(1 << 20, 1));
        await _fx.BackupAsync(_engine, volume, "b1");
        await _fx.Store.PutAsync("backups/manifest.json", "{}"u8.ToArray(), null, ct);
        await _fx.Store.PutAsync("backups/a/b/manifest.json", "{}"u8.ToArray(), null, ct);
        await _fx.Store.PutAsync("backups/b1/notes.txt", "x"u8.ToArray(), null, ct);

        var listed = await _engine.ListBackupsAsync(_fx.Store, ct).Select(m => m.BackupId).ToListAsync(ct);
        var sweep = await _engine.SweepAsync(_fx.Store, ct);

        Assert.Equal(["b1"], listed);
        Assert.False(sweep.Deferred);
        Assert.Equal(0, sweep.DeletedPacks);
        Assert.Equal(volume.Sha256(), (await _fx.RestoreAsync(_engine, "b1", 1 << 20)).Sha256());
    }

    [Fact]
    public async Task A_sweep_deletes_nothing_when_a_root_cannot_be_read()
    {
        var ct = TestContext.Current.CancellationToken;
        var volume = _fx.NewVolume(1 << 20);
        volume.Write(0, VolumeFile.RandomBytes(1 << 20, 1));
        await _fx.BackupAsync(_engine, volume, "b1");
        await _fx.BackupAsync(_engine, volume, "b2");
        await _fx.Store.PutAsync("backups/b2/manifest.json", "{ damaged"u8.ToArray(), null, ct);
        await _fx.Store.DeleteAsync("backups/b1/manifest.json", ct);

        var sweep = await _engine.SweepAsync(_fx.Store, ct);

        Assert.True(sweep.Deferred);
        Assert.Contains("backup b2 is damaged", sweep.DeferredReason, StringComparison.Ordinal);
        Assert.NotEmpty(_fx.Keys("packs"));
    }
}
