using Microsoft.Extensions.Time.Testing;
using VolumeBackup.DataPath;
using VolumeBackup.Testing.DataPath;

namespace VolumeBackup.UnitTests.DataPath;

/// <summary>A sweep hands its garbage to the store in bulk deletes, so a store with a bulk operation gets few requests.</summary>
public sealed class SweepBatchingTests : IDisposable
{
    private readonly DataPathFixture _fx = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task Deleting_a_backup_of_many_objects_deletes_them_in_bulk_not_one_by_one()
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = new BackupEngine(DataPathFixture.SmallOptions, _time);
        var volume = _fx.NewVolume(8 << 20);
        volume.Write(0, VolumeFile.RandomBytes(8 << 20, 41)); // 32 packs of 256 KiB and 8 segments
        await _fx.BackupAsync(engine, volume, "b1");
        var objects = _fx.Keys("packs").Length + _fx.Keys("segments").Length;
        var store = new CallCountingObjectStore(_fx.Store);

        var deleted = await engine.DeleteBackupAsync(store, "b1", ct);

        Assert.False(deleted.Sweep.Deferred);
        Assert.Equal(objects, deleted.Sweep.DeletedPacks + deleted.Sweep.DeletedSegments);
        Assert.Empty(_fx.Keys("packs"));
        Assert.Empty(_fx.Keys("segments"));
        Assert.Equal(2, store.Calls("deleteMany")); // segments, then packs
        Assert.DoesNotContain(store.SingleDeletes, key => key.StartsWith("packs/", StringComparison.Ordinal));
        Assert.DoesNotContain(store.SingleDeletes, key => key.StartsWith("segments/", StringComparison.Ordinal));
        Assert.True(store.Calls("delete") <= 3, $"{store.Calls("delete")} single deletes: root, delete lock and prune lock only");
    }
}
