using System.Security.Cryptography;
using VolumeBackup.DataPath;
using VolumeBackup.ObjectStores.Filesystem;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Volumes;
using VolumeBackup.Volumes.SparseFile;

namespace VolumeBackup.IntegrationTests.DataPath;

/// <summary>The data path with its production defaults over real sparse-file volumes and the filesystem object store.</summary>
public sealed class FilesystemBackupTests : IDisposable
{
    private const long TiB = 1L << 40;
    private readonly string _dir = Directory.CreateTempSubdirectory("vb-datapath-it-").FullName;
    private readonly SparseFileVolumeDriver _volumes;
    private readonly FilesystemObjectStoreProvider _stores;
    private readonly BackupEngine _engine = new(new DataPathOptions(), TimeProvider.System);

    public FilesystemBackupTests()
    {
        _volumes = new SparseFileVolumeDriver(Path.Combine(_dir, "volumes"), "node-1");
        _stores = new FilesystemObjectStoreProvider(Path.Combine(_dir, "stores"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>1 TiB, and the largest volume a sparse file on ext4 can be: 16 TiB less one block (ext4 stops at 16 TiB
    /// less 4 KiB). 16384 segment spans: the root lists only those that hold data.</summary>
    [Theory]
    [InlineData(TiB)]
    [InlineData((16 * TiB) - 65536)]
    public async Task A_sparse_volume_of_tebibytes_round_trips_and_its_holes_stay_holes(long size)
    {
        var ct = TestContext.Current.CancellationToken;
        await _volumes.CreateAsync("1", size, ct);
        var writes = new (long Offset, byte[] Data)[]
        {
            (0, VolumeFile.RandomBytes(3 << 20, 1)),
            ((size / 2) + 12345, VolumeFile.TextBytes(5 << 20, 2)),
            (size - (1 << 20), VolumeFile.RandomBytes(1 << 20, 3)),
        };
        using (var volume = _volumes.Open("1", VolumeAccess.ReadWrite))
        {
            foreach (var (offset, data) in writes)
            {
                volume.Write(data, offset);
            }
        }

        var store = _stores.Open("tenant", "backups");
        await store.EnsureContainerAsync(ct);
        BackupResult result;
        using (var volume = _volumes.Open("1", VolumeAccess.Read))
        {
            result = await _engine.BackupAsync(volume, store, Describe("b1", null), null, ct);
        }

        await _volumes.CreateAsync("2", size, ct);
        using (var target = _volumes.Open("2", VolumeAccess.ReadWrite))
        {
            await _engine.RestoreAsync(store, "b1", target, null, ct);
        }

        using var restored = _volumes.Open("2", VolumeAccess.Read);
        foreach (var (offset, data) in writes)
        {
            var back = new byte[data.Length];
            restored.Read(back, offset);
            Assert.Equal(SHA256.HashData(data), SHA256.HashData(back));
        }

        var allocated = restored.GetAllocatedRanges().Sum(r => r.Length);
        Assert.InRange(allocated, 9L << 20, 12L << 20); // the data, rounded to blocks; the rest of the volume is holes
        Assert.Equal(size / 65536, result.StoredBlocks + result.ZeroBlocks);
        var root = await VolumeBackup.DataPath.Manifests.ManifestReader.ReadRootAsync(store, "b1", ct);
        const long span = 1L << 30;
        var spansWithData = writes.SelectMany(w => new[] { w.Offset / span, (w.Offset + w.Data.Length - 1) / span }).Distinct().Order();
        Assert.Equal(spansWithData, root.Segments.Select(s => s.Index)); // only the spans that hold data
        Assert.Equal(root.Stats.ReferencedPacks + root.Segments.Count + 1, result.ObjectCount);
    }

    [Fact]
    public async Task Backups_of_a_changing_volume_and_deletes_of_older_backups_running_at_once_keep_every_remaining_backup_restorable()
    {
        var ct = TestContext.Current.CancellationToken;
        const long size = 48L << 20;
        await _volumes.CreateAsync("1", size, ct);
        var store = _stores.Open("tenant", "backups");
        await store.EnsureContainerAsync(ct);
        var contents = new Dictionary<string, string>();
        var random = new Random(5);

        async Task<string> SnapshotAndBackUpAsync(string id, string? previous)
        {
            // A snapshot: copy the volume as it is now, then back up the copy while the volume keeps changing.
            var snapshot = Path.Combine(_dir, $"snapshot-{id}.raw");
            File.Copy(_volumes.GetDevicePath("1"), snapshot);
            var file = new VolumeFile(snapshot);
            contents[id] = file.Sha256();
            using var handle = file.Open();
            await _engine.BackupAsync(handle, store, Describe(id, previous), null, ct);
            return id;
        }

        void Change(int seed)
        {
            using var volume = _volumes.Open("1", VolumeAccess.ReadWrite);
            for (var i = 0; i < 16; i++)
            {
                volume.Write(VolumeFile.RandomBytes(65536, seed * 100 + i), random.NextInt64(size / 65536) * 65536);
            }
        }

        Change(1);
        await SnapshotAndBackUpAsync("b0", null);
        var deleted = new List<string>();
        for (var round = 1; round <= 4; round++)
        {
            // Completed side backups of earlier rounds are deleted while this round's two backups run.
            var older = contents.Keys.Where(k => k.EndsWith('a') && !deleted.Contains(k)).ToList();
            Change(round + 1);
            var first = SnapshotAndBackUpAsync($"b{round}a", $"b{round - 1}");
            Change(round + 10);
            var second = SnapshotAndBackUpAsync($"b{round}", $"b{round - 1}");
            var deletes = older.Select(k => _engine.DeleteBackupAsync(store, k, ct)).ToList();
            deleted.AddRange(older);
            await Task.WhenAll([first, second, .. deletes]);
        }

        await _engine.DeleteBackupAsync(store, "b4a", ct);
        deleted.Add("b4a");
        var sweep = await _engine.SweepAsync(store, ct);
        Assert.False(sweep.Deferred);
        foreach (var id in contents.Keys.Except(deleted))
        {
            var target = VolumeFile.Create(Path.Combine(_dir, $"restore-{id}.raw"), size);
            using (var handle = target.Open(writable: true))
            {
                await _engine.RestoreAsync(store, id, handle, null, ct);
            }

            Assert.Equal(contents[id], target.Sha256());
        }

        var listed = await _engine.ListBackupsAsync(store, ct).Select(m => m.BackupId).ToListAsync(ct);
        Assert.Equal(contents.Keys.Except(deleted).Order(StringComparer.Ordinal), listed);
    }

    private static BackupDescriptor Describe(string id, string? previous) =>
        new(id, "1", null, null, DateTimeOffset.UnixEpoch, previous);
}
