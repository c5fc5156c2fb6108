using VolumeBackup.DataPath;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.ObjectStores;
using VolumeBackup.Testing.DataPath;

namespace VolumeBackup.UnitTests.DataPath;

/// <summary>
/// Three backups of a 64-block volume (4 KiB blocks, 16-block packs and spans). b2 rewrites 12 of every 16 blocks and b3
/// 4 of every 16, so once b1 is deleted each of b1's four packs is a quarter live (blocks 12-15 of each span), while the
/// packs of b2 and b3 stay fully live.
/// </summary>
internal sealed class CompactionScenario
{
    public const int BlockSize = 4096;
    public const int Blocks = 64;
    public const long VolumeBytes = Blocks * BlockSize;

    public Dictionary<string, string> Contents { get; } = [];

    /// <summary>b1's packs, which deleting b1 leaves a quarter live.</summary>
    public string[] PacksOfB1 { get; private set; } = [];

    public static DataPathOptions Options(double liveFraction = 0.5, long maxBytesPerSweep = 1L << 30) => new()
    {
        BlockSize = BlockSize,
        SegmentBlocks = 16,
        PackTargetBytes = 16 * BlockSize,
        ReadChunkBytes = 4 * BlockSize,
        Workers = 2,
        ChunksInFlight = 4,
        UploadConcurrency = 2,
        DownloadConcurrency = 2,
        RestoreRangeBytes = 8 * BlockSize,
        CompactionLiveFraction = liveFraction,
        CompactionMaxBytesPerSweep = maxBytesPerSweep,
    };

    public static async Task<CompactionScenario> CreateAsync(DataPathFixture fx, BackupEngine engine, IBlockIndex? index = null)
    {
        var scenario = new CompactionScenario();
        var volume = fx.NewVolume(VolumeBytes);
        volume.Write(0, VolumeFile.RandomBytes((int)VolumeBytes, 1));
        await fx.BackupAsync(engine, volume, "b1", index: index);
        scenario.Contents["b1"] = volume.Sha256();
        scenario.PacksOfB1 = fx.Keys("packs");
        for (var span = 0; span < Blocks / 16; span++)
        {
            volume.Write(span * 16L * BlockSize, VolumeFile.RandomBytes(12 * BlockSize, 100 + span));
        }

        await fx.BackupAsync(engine, volume, "b2", "b1", index: index);
        scenario.Contents["b2"] = volume.Sha256();
        for (var span = 0; span < Blocks / 16; span++)
        {
            volume.Write(span * 16L * BlockSize, VolumeFile.RandomBytes(4 * BlockSize, 200 + span));
        }

        await fx.BackupAsync(engine, volume, "b3", "b2", index: index);
        scenario.Contents["b3"] = volume.Sha256();
        return scenario;
    }

    /// <summary>Restores <paramref name="backupId"/> from <paramref name="store"/> and checks it byte for byte.</summary>
    public async Task AssertRestoresAsync(DataPathFixture fx, BackupEngine engine, IObjectStore store, string backupId)
    {
        var target = fx.NewVolume(VolumeBytes);
        using (var handle = target.Open(writable: true))
        {
            await engine.RestoreAsync(store, backupId, handle, null, TestContext.Current.CancellationToken);
        }

        Assert.Equal(Contents[backupId], target.Sha256());
    }

    /// <summary>The pack and segment keys some root refers to.</summary>
    public static async Task<HashSet<string>> ReferencedKeysAsync(IObjectStore store)
    {
        var ct = TestContext.Current.CancellationToken;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var info in store.ListAsync(ManifestKeys.BackupsPrefix, ct))
        {
            Assert.True(ManifestKeys.TryGetBackupId(info.Key, out var id));
            var root = await ManifestReader.ReadRootAsync(store, id, ct);
            foreach (var s in root.Segments)
            {
                var hash = Hash256.Parse(s.Hash);
                keys.Add(ManifestKeys.SegmentOf(hash));
                var segment = await ManifestReader.ReadSegmentAsync(store, hash, root.SegmentBlocks, id, ct);
                foreach (var e in segment.Entries)
                {
                    keys.Add(VolumeBackup.DataPath.Packs.PackFormat.KeyOf(e.Location.Pack));
                }
            }
        }

        return keys;
    }

    /// <summary>Bytes of every object in a filesystem container (sidecar files excluded).</summary>
    public static long StoredBytes(DataPathFixture fx) =>
        fx.Keys("").Sum(k => new FileInfo(Path.Combine(fx.StoreDirectory, k)).Length);
}
