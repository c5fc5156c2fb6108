using VolumeBackup.DataPath;
using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Filesystem;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.Volumes;
using VolumeBackup.Volumes;
using VolumeBackup.Volumes.ChangedBlocks;
using VolumeBackup.Volumes.Snapshots;
using static VolumeBackup.IntegrationTests.Volumes.ChangedBlocksTests;

namespace VolumeBackup.IntegrationTests.DataPath;

/// <summary>
/// Changed-block incrementals on real XFS and btrfs: a volume file, a full backup of its reflink clone, scattered changes,
/// a second clone; the incremental that reads only the changed ranges (<see cref="FiemapChangedBlocks"/>) and a full-read
/// incremental of the same clone, into two containers holding the same full backup, must write the same root (byte for
/// byte) and restore to the second clone's bytes. Small spans and packs (SmallDataPathOptions) so a few MiB cross many.
/// </summary>
public sealed class ChangedBlockIncrementalTests : IDisposable
{
    private const long Size = (96L << 20) + 12345;
    private readonly string _stores = Directory.CreateTempSubdirectory("vb-changed-").FullName;
    private readonly BackupEngine _engine = new(SmallDataPathOptions.Value, TimeProvider.System);

    public void Dispose() => Directory.Delete(_stores, recursive: true);

    [Theory]
    [InlineData(TestFilesystemKind.Xfs)]
    [InlineData(TestFilesystemKind.Btrfs)]
    public async Task A_changed_block_incremental_equals_a_full_read_incremental_and_reads_about_the_changed_bytes(TestFilesystemKind kind)
    {
        using var dir = new TestFilesystemDirectory(kind);
        var s = await ScenarioAsync(dir);
        var changed = new FiemapChangedBlocks().Between(s.Older, s.Newer);
        Assert.NotNull(changed);
        Assert.Equal(0, PageCache.ResidentBytes(s.Newer.Path)); // a fresh clone: nothing of it cached yet

        var tracked = await BackupAsync(s.Newer, s.Tracked, changed);
        var readByTracked = PageCache.ResidentBytes(s.Newer.Path);
        var full = await BackupAsync(s.Newer, s.Full, null);

        // Measured from outside: the pages of the clone the kernel had to read. The changed blocks, widened to whole
        // 64 KiB blocks, plus the kernel's read-ahead around each run; a full read pulls in every allocated byte.
        var changedBlocksBytes = WidenedBytes(changed);
        var readByFull = PageCache.ResidentBytes(s.Newer.Path);
        Assert.InRange(readByTracked, changedBlocksBytes, (3 * changedBlocksBytes) + (2L << 20));
        Assert.True(readByTracked * 5 < readByFull, $"read {readByTracked} bytes, a full read {readByFull}");
        Assert.True(tracked.ReadChangedBlocksOnly);
        Assert.False(full.ReadChangedBlocksOnly);
        await AssertSameRootAsync(s);
        await AssertRestoresAsync(s.Tracked, s.Newer);
        await AssertRestoresAsync(s.Full, s.Newer);
    }

    [Fact]
    public async Task A_pack_of_the_previous_backup_deleted_from_the_container_is_read_and_stored_again()
    {
        using var dir = new TestFilesystemDirectory(TestFilesystemKind.Xfs);
        var s = await ScenarioAsync(dir);
        foreach (var store in new[] { s.Tracked, s.Full })
        {
            var pack = await FirstKeyAsync(store, "packs/", 3); // the same pack in both containers
            await store.DeleteAsync(pack, TestContext.Current.CancellationToken);
        }

        var tracked = await BackupAsync(s.Newer, s.Tracked, new FiemapChangedBlocks().Between(s.Older, s.Newer));
        var full = await BackupAsync(s.Newer, s.Full, null);

        await AssertRestoresAsync(s.Tracked, s.Newer);
        await AssertSameRootAsync(s);
        Assert.True(tracked.BlocksFromMissingPacks > 0);
        Assert.Equal(full.BlocksFromMissingPacks, tracked.BlocksFromMissingPacks);
    }

    [Fact]
    public async Task A_segment_of_the_previous_backup_gone_or_damaged_has_its_span_read_in_full()
    {
        using var dir = new TestFilesystemDirectory(TestFilesystemKind.Btrfs);
        var s = await ScenarioAsync(dir);
        var ct = TestContext.Current.CancellationToken;
        foreach (var store in new[] { s.Tracked, s.Full })
        {
            await store.DeleteAsync(await FirstKeyAsync(store, "segments/", 2), ct);
            await store.PutAsync(await FirstKeyAsync(store, "segments/", 5), new byte[] { 1, 2, 3 }, null, ct);
        }

        await BackupAsync(s.Newer, s.Tracked, new FiemapChangedBlocks().Between(s.Older, s.Newer));
        await BackupAsync(s.Newer, s.Full, null);

        await AssertRestoresAsync(s.Tracked, s.Newer);
        await AssertSameRootAsync(s);
    }

    [Theory]
    [InlineData("root missing")]
    [InlineData("root damaged")]
    [InlineData("volume resized")]
    public async Task Without_a_previous_backup_that_can_stand_in_the_tracked_ranges_are_not_trusted(string doubt)
    {
        using var dir = new TestFilesystemDirectory(TestFilesystemKind.Xfs);
        var s = await ScenarioAsync(dir);
        var ct = TestContext.Current.CancellationToken;
        var newer = s.Newer;
        switch (doubt)
        {
            case "root missing":
                await s.Tracked.DeleteAsync("backups/b1/manifest.json", ct);
                break;
            case "root damaged":
                await s.Tracked.PutAsync("backups/b1/manifest.json", "{ not json"u8.ToArray(), null, ct);
                break;
            default:
                // The volume grew by 1 MiB of data after the full backup: nothing of the previous backup covers it.
                var grown = new VolumeFile(newer.Path);
                grown.Write(Size, VolumeFile.RandomBytes(1 << 20, 77));
                break;
        }

        // Ranges that claim nothing changed: only a run that does not trust them can restore to the clone.
        var result = await BackupAsync(newer, s.Tracked, []);

        await AssertRestoresAsync(s.Tracked, newer);
        Assert.False(result.ReadChangedBlocksOnly);
    }

    private sealed record Scenario(VolumeSnapshot Older, VolumeSnapshot Newer, IObjectStore Tracked, IObjectStore Full);

    /// <summary>
    /// A mixed volume, its clone backup-1 backed up in full as b1 into two containers, then changes: 30 scattered writes
    /// of 4-64 KiB (random, text and zeros), a punched hole, data written into a hole, the same bytes written again,
    /// and its clone backup-2.
    /// </summary>
    private async Task<Scenario> ScenarioAsync(TestFilesystemDirectory dir)
    {
        var volume = MixedVolume(dir.Path, Size);
        var older = Clone(volume, dir.Path, "backup-1");
        var tracked = await StoreAsync("tracked");
        var full = await StoreAsync("full");
        await BackupAsync(older, tracked, null, "b1", null);
        await BackupAsync(older, full, null, "b1", null);

        var random = new Random(3);
        for (var i = 0; i < 30; i++)
        {
            var length = random.Next(1, 17) * 4096;
            var offset = random.NextInt64(0, Size - length);
            var bytes = (i % 3) switch
            {
                0 => VolumeFile.RandomBytes(length, 1000 + i),
                1 => VolumeFile.TextBytes(length, 1000 + i),
                _ => new byte[length],
            };
            volume.Write(offset, bytes);
        }

        using (var handle = volume.Open(writable: true))
        {
            handle.Zero(5L << 20, 1L << 20);
        }

        volume.Write(70L << 20, VolumeFile.RandomBytes(100_000, 5));
        volume.Write(12L << 20, (await File.ReadAllBytesAsync(volume.Path, TestContext.Current.CancellationToken)).AsSpan(12 << 20, 65536));
        var newer = Clone(volume, dir.Path, "backup-2");
        return new Scenario(older, newer, tracked, full);
    }

    private async Task<IObjectStore> StoreAsync(string name)
    {
        var store = new FilesystemObjectStore(Path.Combine(_stores, name), "backups");
        await store.EnsureContainerAsync(TestContext.Current.CancellationToken);
        return store;
    }

    private async Task<BackupResult> BackupAsync(
        VolumeSnapshot snapshot, IObjectStore store, IReadOnlyList<ByteRange>? changed, string id = "b2", string? previous = "b1")
    {
        using var handle = new VolumeFile(snapshot.Path).Open();
        var descriptor = new BackupDescriptor(
            id, "vol-1", null, null, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), previous, changed);
        return await _engine.BackupAsync(handle, store, descriptor, null, TestContext.Current.CancellationToken);
    }

    /// <summary>The two incrementals wrote the same root, so the same segments, packs and stats.</summary>
    private static async Task AssertSameRootAsync(Scenario s)
    {
        var ct = TestContext.Current.CancellationToken;
        var tracked = await ReadAllAsync(s.Tracked, "backups/b2/manifest.json", ct);
        var full = await ReadAllAsync(s.Full, "backups/b2/manifest.json", ct);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(full), System.Text.Encoding.UTF8.GetString(tracked));
        Assert.Equal(await KeysAsync(s.Full, ct), await KeysAsync(s.Tracked, ct));
    }

    private async Task AssertRestoresAsync(IObjectStore store, VolumeSnapshot expected)
    {
        var target = VolumeFile.Create(Path.Combine(_stores, $"restored-{Guid.NewGuid():N}"), new FileInfo(expected.Path).Length);
        using (var handle = target.Open(writable: true))
        {
            await _engine.RestoreAsync(store, "b2", handle, null, TestContext.Current.CancellationToken);
        }

        Assert.Equal(new VolumeFile(expected.Path).Sha256(), target.Sha256());
        File.Delete(target.Path);
    }

    private static long WidenedBytes(IReadOnlyList<ByteRange> changed)
    {
        const long block = SmallDataPathOptions.BlockSize;
        long total = 0, end = 0;
        foreach (var range in changed)
        {
            var from = Math.Max(range.Offset / block * block, end);
            var to = Math.Min((range.End + block - 1) / block * block, Size);
            total += Math.Max(0, to - from);
            end = Math.Max(end, to);
        }

        return total;
    }

    private static async Task<string> FirstKeyAsync(IObjectStore store, string prefix, int skip)
    {
        var keys = new List<string>();
        await foreach (var info in store.ListAsync(prefix, TestContext.Current.CancellationToken))
        {
            keys.Add(info.Key);
        }

        keys.Sort(StringComparer.Ordinal);
        return keys[skip];
    }

    private static async Task<string[]> KeysAsync(IObjectStore store, CancellationToken ct)
    {
        var keys = new List<string>();
        await foreach (var info in store.ListAsync("", ct))
        {
            if (!info.Key.StartsWith("locks/", StringComparison.Ordinal))
            {
                keys.Add(info.Key);
            }
        }

        return [.. keys.Order(StringComparer.Ordinal)];
    }

    private static async Task<byte[]> ReadAllAsync(IObjectStore store, string key, CancellationToken ct)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        await store.GetAsync(key, buffer, ct);
        return buffer.WrittenSpan.ToArray();
    }
}
