using Microsoft.Extensions.Time.Testing;
using VolumeBackup.DataPath;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Filesystem;
using VolumeBackup.Testing.ObjectStores;

namespace VolumeBackup.UnitTests.DataPath;

/// <summary>
/// A sweep that compacts is cut off at its Nth PUT or DELETE, for every N it makes: a fresh sweep afterwards must leave
/// every backup restorable and no object that no root refers to. Only cut-offs at which the sweep really failed count
/// towards the minimum: a fault the sweep swallowed tested no crash.
/// </summary>
public sealed class CompactionCrashTests : IDisposable
{
    private readonly DataPathFixture _fx = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly string _copies = Directory.CreateTempSubdirectory("vb-compaction-crash-").FullName;

    public void Dispose()
    {
        _fx.Dispose();
        Directory.Delete(_copies, recursive: true);
    }

    [Theory]
    [InlineData("put")]
    [InlineData("delete")]
    public async Task A_sweep_cut_off_at_any_write_leaves_every_backup_restorable_and_the_next_sweep_leaves_no_garbage(string operation)
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = new BackupEngine(CompactionScenario.Options(), _time);
        var scenario = await CompactionScenario.CreateAsync(_fx, engine);
        await _fx.Store.DeleteAsync(ManifestKeys.RootOf("b1"), ct); // the sweep below is the whole delete

        var cutOffs = 0;
        for (var n = 1; ; n++)
        {
            var store = CopyOfContainer(n);
            var faulty = new FaultyObjectStore(store)
            {
                Fault = (op, number) => op == operation && number == n ? new ObjectStoreException($"cut off at {op} {n}") : null,
                SplitBulkDeletes = true, // the sweep deletes in bulk: cut off after any one of its objects
            };
            var crashed = await Record.ExceptionAsync(() => engine.SweepAsync(faulty, ct));
            if (faulty.Calls(operation) < n)
            {
                Assert.Null(crashed);
                break; // the sweep made fewer than n such calls: every cut-off point was tried
            }

            if (crashed is not null)
            {
                cutOffs++;
            }

            _time.Advance(CompactionScenario.Options().LockStaleAfter + TimeSpan.FromSeconds(1)); // a lock left behind is stale now
            var fresh = await engine.SweepAsync(store, ct);

            Assert.False(fresh.Deferred, $"cut off at {operation} {n}: {fresh.DeferredReason}");
            await scenario.AssertRestoresAsync(_fx, engine, store, "b2");
            await scenario.AssertRestoresAsync(_fx, engine, store, "b3");
            var referenced = await CompactionScenario.ReferencedKeysAsync(store);
            var stored = await store.ListAsync("packs/", ct).Concat(store.ListAsync("segments/", ct)).Select(i => i.Key).ToListAsync(ct);
            Assert.Equal(referenced.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
            Assert.Empty(await store.ListAsync("locks/", ct).ToListAsync(ct));
            Assert.Null(await store.TryGetInfoAsync(ManifestKeys.RootOf("b1"), ct));
        }

        Assert.True(cutOffs >= 10, $"only {cutOffs} cut-off points made the sweep fail: it did not compact, or swallowed the faults");
    }

    private FilesystemObjectStore CopyOfContainer(int n)
    {
        var target = Path.Combine(_copies, $"{n}");
        foreach (var file in Directory.EnumerateFiles(_fx.StoreDirectory, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(_fx.StoreDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return new FilesystemObjectStore(target, "backups");
    }
}
