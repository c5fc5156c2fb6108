using VolumeBackup.DataPath;
using VolumeBackup.Testing.DataPath;

namespace VolumeBackup.UnitTests.DataPath;

/// <summary>How a failed backup ends: nothing it started still running, and no volume trouble turned into zeros.</summary>
public sealed class BackupFailureEndingTests : IDisposable
{
    private readonly DataPathFixture _fx = new();
    private readonly BackupEngine _engine = new(DataPathFixture.SmallOptions, TimeProvider.System);

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task A_backup_ended_while_index_lookups_run_returns_only_once_every_lookup_has_ended()
    {
        var ct = TestContext.Current.CancellationToken;
        var volume = _fx.NewVolume(2 << 20);
        volume.Write(0, VolumeFile.RandomBytes(2 << 20, 1));
        var index = new StallingBlockIndex();
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var handle = volume.Open();
        var backup = _engine.BackupAsync(handle, _fx.Store, DataPathFixture.Describe("b1"), index, null, caller.Token);
        await index.Started.Task.WaitAsync(TimeSpan.FromSeconds(20), ct);

        await caller.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => backup.WaitAsync(TimeSpan.FromSeconds(20), ct));

        Assert.Equal(0, index.Running);
    }

    [Fact]
    public async Task A_volume_that_shrinks_before_it_is_read_fails_the_backup_naming_where_it_ended()
    {
        var volume = _fx.NewVolume(4 << 20);
        volume.Write(0, VolumeFile.RandomBytes(4 << 20, 1));
        using var handle = volume.Open(); // the backup is of 4 MiB
        Truncate(volume, 1 << 20);

        var e = await Assert.ThrowsAsync<DataPathException>(() =>
            _engine.BackupAsync(handle, _fx.Store, DataPathFixture.Describe("b1"), null, TestContext.Current.CancellationToken));

        Assert.Equal(
            $"Backup b1 could not read the volume: it ended at byte {1 << 20} of its {4 << 20} bytes (it shrank while being backed up).",
            e.Message);
        Assert.Empty(_fx.Keys("backups")); // no root: there is no backup of zeros to restore
    }

    [Fact]
    public async Task A_volume_that_shrinks_while_it_is_read_fails_the_backup()
    {
        var volume = _fx.NewVolume(4 << 20);
        volume.Write(0, VolumeFile.RandomBytes(4 << 20, 1));
        using var handle = volume.Open();
        var shrinkOnce = new ShrinkOnFirstProgress(volume, 1 << 20);

        var e = await Assert.ThrowsAsync<DataPathException>(() =>
            _engine.BackupAsync(handle, _fx.Store, DataPathFixture.Describe("b1"), shrinkOnce, TestContext.Current.CancellationToken));

        Assert.Contains("shrank while being backed up", e.Message, StringComparison.Ordinal);
        Assert.True(shrinkOnce.Shrunk);
    }

    private static void Truncate(VolumeFile volume, long length)
    {
        using var file = File.OpenHandle(volume.Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        RandomAccess.SetLength(file, length);
    }

    /// <summary>Cuts the volume short when the backup first reports progress, so that later reads meet its new end.</summary>
    private sealed class ShrinkOnFirstProgress(VolumeFile volume, long length) : IProgress<TransferProgress>
    {
        private int _done;

        public bool Shrunk => _done == 1;

        public void Report(TransferProgress value)
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                Truncate(volume, length);
            }
        }
    }
}
