using VolumeBackup.DataPath;
using VolumeBackup.ObjectStores;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Volumes;
using VolumeBackup.Volumes.SparseFile;

namespace VolumeBackup.IntegrationTests.DataPath;

/// <summary>
/// Compaction with the production defaults (64 KiB blocks, 8 MiB packs, 1 GiB spans) over real sparse-file volumes, against
/// each real object store: ranged reads of live blocks, rewritten segments and roots, deletes of the replaced objects.
/// </summary>
public abstract class CompactionContract : IDisposable
{
    private const long Size = 32L << 20;
    private readonly string _dir = Directory.CreateTempSubdirectory("vb-compaction-it-").FullName;
    private readonly SparseFileVolumeDriver _volumes;
    private readonly BackupEngine _engine = new(new DataPathOptions(), TimeProvider.System);

    protected CompactionContract() => _volumes = new SparseFileVolumeDriver(Path.Combine(_dir, "volumes"), "node-1");

    protected string WorkDirectory => _dir;

    /// <summary>An empty container of the store under test.</summary>
    protected abstract Task<IObjectStore> OpenNewContainerAsync();

    public virtual void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Deleting_the_first_of_two_backups_compacts_its_quarter_live_packs_and_the_second_restores_exactly()
    {
        var ct = TestContext.Current.CancellationToken;
        await _volumes.CreateAsync("1", Size, ct);
        var store = await OpenNewContainerAsync();
        await store.EnsureContainerAsync(ct);
        Write(0, VolumeFile.RandomBytes((int)Size, 1));
        await BackUpAsync(store, "b1", null);
        for (var pack = 0L; pack < Size; pack += 8 << 20)
        {
            Write(pack, VolumeFile.RandomBytes(6 << 20, (int)(pack >> 20) + 2)); // three quarters of each 8 MiB pack change
        }

        var expected = await BackUpAsync(store, "b2", "b1");

        var sweep = (await _engine.DeleteBackupAsync(store, "b1", ct)).Sweep;

        Assert.False(sweep.Deferred);
        Assert.Equal(4, sweep.CompactedPacks);
        Assert.Equal(8L << 20, sweep.CopiedBytes);
        Assert.True(sweep.ReclaimedBytes > 24L << 20);
        await _volumes.CreateAsync("2", Size, ct);
        using (var target = _volumes.Open("2", VolumeAccess.ReadWrite))
        {
            await _engine.RestoreAsync(store, "b2", target, null, ct);
        }

        Assert.Equal(expected, new VolumeFile(_volumes.GetDevicePath("2")).Sha256());
        var again = await _engine.SweepAsync(store, ct);
        Assert.Equal((0, 0, 0), (again.CompactedPacks, again.DeletedPacks, again.DeletedSegments));
    }

    private void Write(long offset, byte[] data)
    {
        using var volume = _volumes.Open("1", VolumeAccess.ReadWrite);
        volume.Write(data, offset);
    }

    private async Task<string> BackUpAsync(IObjectStore store, string id, string? previous)
    {
        using (var volume = _volumes.Open("1", VolumeAccess.Read))
        {
            await _engine.BackupAsync(volume, store, new BackupDescriptor(id, "1", null, null, DateTimeOffset.UnixEpoch, previous), null,
                TestContext.Current.CancellationToken);
        }

        return new VolumeFile(_volumes.GetDevicePath("1")).Sha256();
    }
}
