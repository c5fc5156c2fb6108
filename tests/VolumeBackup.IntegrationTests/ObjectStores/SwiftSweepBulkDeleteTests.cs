using VolumeBackup.DataPath;
using VolumeBackup.ObjectStores.Decorators;
using VolumeBackup.ObjectStores.Swift;
using VolumeBackup.Testing;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.ObjectStores;

namespace VolumeBackup.IntegrationTests.ObjectStores;

/// <summary>
/// Deleting a backup from real Swift removes its packs and segments with bulk deletes (one POST per batch), through the
/// decorators a job's store has (retrying and throttled), not with one DELETE per object.
/// </summary>
public sealed class SwiftSweepBulkDeleteTests : IAsyncDisposable
{
    private readonly string _container = SwiftFixture.NewContainerName();
    private readonly FaultInjectingHandler _handler = new((_, _) => HttpFault.None);
    private readonly TempDataDirectory _directory = new("vb-swift-sweep");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        _handler.Dispose();
        _directory.Dispose();
        await SwiftFixture.DeleteContainerAsync(SwiftFixture.TenantACredentials, _container, CancellationToken.None);
    }

    [Fact]
    public async Task Deleting_a_backup_of_many_objects_takes_bulk_requests_through_every_decorator()
    {
        SwiftFixture.Require();
        using var provider = new SwiftObjectStoreProvider(SwiftFixture.UserModeOptions(), _handler);
        var store = new ThrottledObjectStore(
            new RetryingObjectStore(provider.Open(SwiftFixture.TenantA, _container), new RetryOptions()), 1L << 30, TimeProvider.System);
        var engine = new BackupEngine(SmallDataPathOptions.Value, TimeProvider.System);
        var volume = VolumeFile.Create(Path.Combine(_directory.Path, "volume.raw"), 8 << 20);
        volume.Write(0, VolumeFile.RandomBytes(8 << 20, 51)); // 32 packs of 256 KiB and 8 segments
        using (var handle = volume.Open())
        {
            await engine.BackupAsync(handle, store, new BackupDescriptor("b1", "v1", "b1", null, DateTimeOffset.UtcNow, null), null, Ct);
        }

        _handler.Log.Clear();
        var deleted = await engine.DeleteBackupAsync(store, "b1", Ct);

        var objects = deleted.Sweep.DeletedPacks + deleted.Sweep.DeletedSegments;
        Assert.True(objects >= 40, $"{objects} objects deleted");
        var objectDeletes = _handler.Log.Count(l => l.StartsWith("DELETE ", StringComparison.Ordinal)
            && (l.Contains("/packs/", StringComparison.Ordinal) || l.Contains("/segments/", StringComparison.Ordinal)));
        var bulkDeletes = _handler.Log.Count(l => l.StartsWith("POST ", StringComparison.Ordinal));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{objects} objects: {bulkDeletes} bulk deletes, {objectDeletes} single deletes, {_handler.Log.Count} requests in all");
        Assert.Equal(0, objectDeletes);
        Assert.Equal(2, bulkDeletes); // the segments, then the packs
        Assert.Empty(await store.ListAsync("packs/", Ct).ToListAsync(Ct));
        Assert.Empty(await store.ListAsync("segments/", Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task A_throttled_store_keeps_a_bulk_delete_one_request()
    {
        SwiftFixture.Require();
        using var provider = new SwiftObjectStoreProvider(SwiftFixture.UserModeOptions(), _handler);
        var store = new ThrottledObjectStore(provider.Open(SwiftFixture.TenantA, _container), 1L << 30, TimeProvider.System);
        await store.EnsureContainerAsync(Ct);
        var keys = Enumerable.Range(0, 30).Select(i => $"packs/{i:D3}").ToList();
        await Parallel.ForEachAsync(keys, Ct, async (key, t) => await store.PutAsync(key, new byte[] { 7 }, null, t));
        _handler.Log.Clear();

        await store.DeleteManyAsync(keys, Ct);

        Assert.Equal(1, _handler.Log.Count(l => l.StartsWith("POST ", StringComparison.Ordinal)));
        Assert.Equal(0, _handler.Log.Count(l => l.StartsWith("DELETE ", StringComparison.Ordinal)));
        Assert.Empty(await store.ListAsync(string.Empty, Ct).ToListAsync(Ct));
    }
}
