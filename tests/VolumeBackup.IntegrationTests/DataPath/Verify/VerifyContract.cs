using System.Buffers;
using VolumeBackup.DataPath;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.DataPath.Packs;
using VolumeBackup.ObjectStores;
using VolumeBackup.Testing.DataPath;

namespace VolumeBackup.IntegrationTests.DataPath.Verify;

/// <summary>
/// <see cref="BackupEngine.VerifyAsync"/> against a real store: a good backup passes; a flipped byte, a missing pack and a
/// truncated segment are each found, reported at the right block and offset, and the verification goes on past them.
/// </summary>
public abstract class VerifyContract : IDisposable
{
    private const int Bs = SmallDataPathOptions.BlockSize;
    private const long Size = 6L << 20; // six 1 MiB spans
    private readonly string _dir = Directory.CreateTempSubdirectory("vb-verify-it-").FullName;
    private readonly BackupEngine _engine = new(SmallDataPathOptions.Value, TimeProvider.System);

    protected abstract Task<IObjectStore> OpenNewContainerAsync();

    public virtual void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_good_backup_verifies_with_every_stored_block_checked()
    {
        var ct = TestContext.Current.CancellationToken;
        var (store, stored) = await BackUpAsync(ct);
        var progress = new List<TransferProgress>();
        var result = await _engine.VerifyAsync(store, "b1", new SyncProgress(progress), ct);

        Assert.False(result.IsDamaged);
        Assert.Equal(stored.Count, result.BlocksChecked);
        Assert.Equal((long)stored.Count * Bs, result.BytesChecked);
        Assert.Empty(result.DamagedBlocks);
        Assert.Empty(result.MissingObjects);
        Assert.Equal(Size, progress.Max(p => p.BytesDone)); // the whole volume covered, holes included
    }

    [Fact]
    public async Task A_flipped_byte_in_a_pack_is_reported_at_its_block_and_offset()
    {
        var ct = TestContext.Current.CancellationToken;
        var (store, stored) = await BackUpAsync(ct);
        var (block, entry) = stored[stored.Count / 2];
        var key = PackFormat.KeyOf(entry.Location.Pack);
        var pack = await ReadAsync(store, key, ct);
        pack[entry.Location.Offset + (entry.Location.StoredLength / 2)] ^= 0x5a;
        await store.PutAsync(key, pack, null, ct);

        var result = await _engine.VerifyAsync(store, "b1", null, ct);

        var damaged = Assert.Single(result.DamagedBlocks);
        Assert.Equal(new DamagedBlock(block, block * Bs, DamageReasons.HashMismatch), damaged);
        Assert.Equal(stored.Count, result.BlocksChecked); // it went on past the damage
        Assert.Empty(result.MissingObjects);
        Assert.True(result.IsDamaged);
    }

    [Fact]
    public async Task A_missing_pack_lists_its_key_and_every_block_it_held()
    {
        var ct = TestContext.Current.CancellationToken;
        var (store, stored) = await BackUpAsync(ct);
        var lost = stored[^1].Entry.Location.Pack;
        await store.DeleteAsync(PackFormat.KeyOf(lost), ct);
        var expected = stored.Where(s => s.Entry.Location.Pack == lost)
            .Select(s => new DamagedBlock(s.Block, s.Block * Bs, DamageReasons.MissingObject)).ToList();

        var result = await _engine.VerifyAsync(store, "b1", null, ct);

        Assert.Equal([PackFormat.KeyOf(lost)], result.MissingObjects);
        Assert.Equal(expected, result.DamagedBlocks);
        Assert.Equal(stored.Count, result.BlocksChecked);
    }

    [Fact]
    public async Task A_truncated_segment_is_reported_at_its_span_and_the_other_spans_are_still_checked()
    {
        var ct = TestContext.Current.CancellationToken;
        var (store, stored) = await BackUpAsync(ct);
        var root = await ManifestReader.ReadRootAsync(store, "b1", ct);
        var segment = root.Segments[1];
        var key = ManifestKeys.SegmentOf(Hash256.Parse(segment.Hash));
        var bytes = await ReadAsync(store, key, ct);
        await store.PutAsync(key, bytes.AsMemory(0, bytes.Length / 2), null, ct);
        var spanFirstBlock = segment.Index * SmallDataPathOptions.Value.SegmentBlocks;
        var inSpan = stored.Count(s => s.Block / SmallDataPathOptions.Value.SegmentBlocks == segment.Index);

        var result = await _engine.VerifyAsync(store, "b1", null, ct);

        Assert.Equal([new DamagedBlock(spanFirstBlock, spanFirstBlock * Bs, DamageReasons.DamagedSegment)], result.DamagedBlocks);
        Assert.Equal(stored.Count - inSpan, result.BlocksChecked);
        Assert.Empty(result.MissingObjects);
    }

    [Fact]
    public async Task A_missing_root_fails_with_a_sentence_naming_the_backup()
    {
        var ct = TestContext.Current.CancellationToken;
        var (store, _) = await BackUpAsync(ct);
        var e = await Assert.ThrowsAsync<DataPathException>(() => _engine.VerifyAsync(store, "b2", null, ct));
        Assert.Contains("Backup b2 has no manifest", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Backs up a volume with data in four of its six spans; returns the stored blocks in volume order.</summary>
    private async Task<(IObjectStore Store, List<(long Block, SegmentEntry Entry)> Stored)> BackUpAsync(CancellationToken ct)
    {
        var store = await OpenNewContainerAsync();
        await store.EnsureContainerAsync(ct);
        var file = VolumeFile.Create(Path.Combine(_dir, "volume.raw"), Size);
        file.Write(0, VolumeFile.RandomBytes(1 << 20, 1));
        file.Write((1L << 20) + (3 * Bs), VolumeFile.RandomBytes(9 * Bs, 2));
        file.Write(3L << 20, VolumeFile.RandomBytes(5 * Bs, 3));
        file.Write(Size - Bs, VolumeFile.RandomBytes(Bs, 4));
        using (var handle = file.Open())
        {
            await _engine.BackupAsync(handle, store, new BackupDescriptor("b1", "1", null, null, DateTimeOffset.UnixEpoch, null), null, ct);
        }

        var root = await ManifestReader.ReadRootAsync(store, "b1", ct);
        var stored = new List<(long, SegmentEntry)>();
        foreach (var segmentRef in root.Segments.OrderBy(s => s.Index))
        {
            var segment = await ManifestReader.ReadSegmentAsync(store, Hash256.Parse(segmentRef.Hash), root.SegmentBlocks, "b1", ct);
            stored.AddRange(segment.Entries.Select(e => ((segmentRef.Index * root.SegmentBlocks) + e.Block, e)));
        }

        Assert.Equal(16 + 9 + 5 + 1, stored.Count);
        return (store, stored);
    }

    private static async Task<byte[]> ReadAsync(IObjectStore store, string key, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>();
        await store.GetAsync(key, buffer, ct);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Records reports as they come (Progress{T} posts them later, after the call may have returned).</summary>
    private sealed class SyncProgress(List<TransferProgress> seen) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value)
        {
            lock (seen)
            {
                seen.Add(value);
            }
        }
    }
}
