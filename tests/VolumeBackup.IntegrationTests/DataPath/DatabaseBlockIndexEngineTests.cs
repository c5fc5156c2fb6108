using Microsoft.EntityFrameworkCore;
using VolumeBackup.DataPath;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Packs;
using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Filesystem;
using VolumeBackup.Persistence.BlockIndex;
using VolumeBackup.Testing;
using VolumeBackup.Testing.Databases;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.ObjectStores;

namespace VolumeBackup.IntegrationTests.DataPath;

/// <summary>
/// The engine with a container's block index in a real SQLite database, over sparse-file volumes and the filesystem
/// store: volumes with the same bytes share their blocks, sweeps keep the index in step, a lost index is rebuilt.
/// </summary>
public sealed class DatabaseBlockIndexEngineTests : IAsyncLifetime
{
    private const int BlockSize = SmallDataPathOptions.BlockSize;
    private const int SharedBytes = 3 << 20;
    private const int OwnBytes = 1 << 20;

    private static readonly DataPathOptions Options = SmallDataPathOptions.Value;

    private readonly TempDataDirectory _dir = new("vb-blockindex");
    private readonly BackupEngine _engine = new(Options, TimeProvider.System);
    private readonly List<TestDatabase> _databases = [];
    private FilesystemObjectStore _store = null!;
    private int _volumes;

    public async ValueTask InitializeAsync()
    {
        _store = new FilesystemObjectStore(Path.Combine(_dir.Path, "container"), "shared");
        _databases.Add(await TestDatabase.CreateSqliteAsync());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }

        _dir.Dispose();
    }

    [Fact]
    public async Task A_second_volume_with_the_same_bytes_stores_nothing_new_and_both_restore_exactly()
    {
        var index = Index(_databases[0]);
        var (first, second) = TwoVolumes();

        var a = await BackupAsync(first, "a1", index);
        var b = await BackupAsync(second, "b1", index);

        Assert.Equal((SharedBytes + OwnBytes) / BlockSize, a.NewBlocks);
        Assert.Equal(0, b.NewBlocks);
        Assert.Equal(0, b.NewPacks);
        Assert.True(b.NewStoredBytes < a.NewStoredBytes / 100, $"second backup stored {b.NewStoredBytes} bytes, first {a.NewStoredBytes}");
        TestContext.Current.SendDiagnosticMessage(
            $"dedup across volumes: first backup stored {a.NewStoredBytes} bytes in {a.NewPacks} packs, second {b.NewStoredBytes} bytes in {b.NewPacks} packs");
        Assert.Equal(first.Sha256(), (await RestoreAsync("a1", LengthOf(first))).Sha256());
        Assert.Equal(second.Sha256(), (await RestoreAsync("b1", LengthOf(second))).Sha256());
    }

    [Fact]
    public async Task After_the_first_volume_backup_is_deleted_and_swept_the_second_restores_and_the_index_names_only_existing_packs()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = _databases[0];
        var index = Index(database);
        var (first, second) = TwoVolumes();
        await BackupAsync(first, "a1", index);
        await BackupAsync(second, "b1", index);
        var packsBefore = await IndexedPacksAsync(database);

        var deleted = await _engine.DeleteBackupAsync(_store, "a1", index, ct);

        Assert.True(deleted.Sweep.DeletedPacks > 0, "the first volume's own blocks had packs of their own");
        var packsAfter = await IndexedPacksAsync(database);
        Assert.True(packsAfter.Count < packsBefore.Count);
        foreach (var pack in packsAfter)
        {
            Assert.NotNull(await _store.TryGetInfoAsync(PackFormat.KeyOf(pack), ct));
        }

        Assert.Equal(second.Sha256(), (await RestoreAsync("b1", LengthOf(second))).Sha256());
        var again = await BackupAsync(second, "b2", index); // dedups through the index only, against what is left
        Assert.Equal(0, again.NewBlocks);
        Assert.Equal(second.Sha256(), (await RestoreAsync("b2", LengthOf(second))).Sha256());
    }

    [Fact]
    public async Task A_new_database_gets_the_index_rebuilt_from_the_packs_and_dedup_works_again()
    {
        var ct = TestContext.Current.CancellationToken;
        var (first, second) = TwoVolumes();
        await BackupAsync(first, "a1", Index(_databases[0]));
        var fresh = await TestDatabase.CreateSqliteAsync(); // the metadata database was lost or replaced
        _databases.Add(fresh);
        var index = Index(fresh);
        Assert.False(await index.IsCompleteAsync(ct));

        var b = await BackupAsync(second, "b1", index);

        Assert.Equal(0, b.NewBlocks);
        Assert.True(await index.IsCompleteAsync(ct));
        var packsInContainer = Directory.EnumerateFiles(Path.Combine(_dir.Path, "container", "packs"), "*", SearchOption.AllDirectories)
            .Count(f => !Path.GetFileName(f).StartsWith('.'));
        Assert.Equal(packsInContainer, (await IndexedPacksAsync(fresh)).Count);
        Assert.Equal(second.Sha256(), (await RestoreAsync("b1", LengthOf(second))).Sha256());
    }

    [Fact]
    public async Task A_backup_whose_index_could_not_be_rebuilt_does_not_use_it_and_the_next_backup_does()
    {
        var ct = TestContext.Current.CancellationToken;
        var (first, second) = TwoVolumes();
        await BackupAsync(first, "a1", null);
        var index = Index(_databases[0]);
        var packIndexesUnreadable = new FaultyObjectStore(_store)
        {
            Fault = (op, _) => op == "range" ? new ObjectStoreException("injected", isTransient: true) : null,
        };

        var b = await BackupAsync(second, "b1", index, packIndexesUnreadable);

        Assert.Equal(SharedBytes / BlockSize, b.NewBlocks); // the half-built index was not trusted
        Assert.False(await index.IsCompleteAsync(ct));
        Assert.Equal(second.Sha256(), (await RestoreAsync("b1", LengthOf(second))).Sha256());

        var c = await BackupAsync(second, "c1", index);

        Assert.Equal(0, c.NewBlocks);
        Assert.True(await index.IsCompleteAsync(ct));
    }

    [Fact]
    public async Task Rows_left_by_sweeps_that_ran_while_the_index_was_off_are_not_trusted()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = _databases[0];
        var index = Index(database);
        var (first, second) = TwoVolumes();
        await BackupAsync(first, "a1", index);
        await _engine.DeleteBackupAsync(_store, "a1", null, ct); // the index was switched off: its rows name deleted packs
        var staleBefore = await MissingPacksAsync(database);
        Assert.NotEmpty(staleBefore);

        var b = await BackupAsync(second, "b1", index);

        Assert.Equal(SharedBytes / BlockSize, b.NewBlocks);
        var staleAfter = await MissingPacksAsync(database); // the first volume's own blocks were never asked for
        Assert.True(staleAfter.Count < staleBefore.Count, $"{staleAfter.Count} of {staleBefore.Count} stale packs left");
        Assert.Equal(second.Sha256(), (await RestoreAsync("b1", LengthOf(second))).Sha256());
    }

    private DatabaseBlockIndex Index(TestDatabase database) => new(database.ContextFactory, "tenant-1", _store.Container, TimeProvider.System);

    /// <summary>Two volumes of different ids with the same 3 MiB; the first also has 1 MiB of its own (four whole packs).</summary>
    private (VolumeFile First, VolumeFile Second) TwoVolumes()
    {
        var first = NewVolume(8 << 20);
        first.Write(0, VolumeFile.RandomBytes(SharedBytes / 2, 1));
        first.Write(SharedBytes / 2, VolumeFile.TextBytes(SharedBytes / 2, 2));
        first.Write(6 << 20, VolumeFile.RandomBytes(OwnBytes, 3));
        var second = NewVolume(4 << 20);
        second.Write(0, VolumeFile.RandomBytes(SharedBytes / 2, 1));
        second.Write(SharedBytes / 2, VolumeFile.TextBytes(SharedBytes / 2, 2));
        return (first, second);
    }

    private static long LengthOf(VolumeFile volume) => new FileInfo(volume.Path).Length;

    private VolumeFile NewVolume(long length) => VolumeFile.Create(Path.Combine(_dir.Path, $"volume-{++_volumes}.raw"), length);

    private async Task<BackupResult> BackupAsync(VolumeFile volume, string backupId, IBlockIndex? index, IObjectStore? store = null)
    {
        using var handle = volume.Open();
        var descriptor = new BackupDescriptor(backupId, $"volume-{backupId}", null, null, DateTimeOffset.UnixEpoch, null);
        return await _engine.BackupAsync(handle, store ?? _store, descriptor, index, null, TestContext.Current.CancellationToken);
    }

    private async Task<VolumeFile> RestoreAsync(string backupId, long length)
    {
        var target = NewVolume(length);
        using var handle = target.Open(writable: true);
        await _engine.RestoreAsync(_store, backupId, handle, null, TestContext.Current.CancellationToken);
        return target;
    }

    private async Task<List<Hash256>> MissingPacksAsync(TestDatabase database)
    {
        var missing = new List<Hash256>();
        foreach (var pack in await IndexedPacksAsync(database))
        {
            if (await _store.TryGetInfoAsync(PackFormat.KeyOf(pack), TestContext.Current.CancellationToken) is null)
            {
                missing.Add(pack);
            }
        }

        return missing;
    }

    private static async Task<List<Hash256>> IndexedPacksAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var ids = await db.BlockIndexEntries.Select(e => e.PackId).Distinct().ToListAsync(TestContext.Current.CancellationToken);
        return [.. ids.Select(id => Hash256.Read(id))];
    }
}
