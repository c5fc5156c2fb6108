using VolumeBackup.Testing.Cinder;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.Volumes;

namespace VolumeBackup.IntegrationTests.Volumes;

/// <summary>
/// Changed-block incrementals through the real server whose data directory is on a real XFS or btrfs: the incremental
/// reads only what changed since the previous backup (seen from outside, in the page cache of the fresh clone it read),
/// and its restore holds the volume's bytes. With tracking off, the same incremental reads the whole volume.
/// </summary>
public sealed class ChangedBlockServerTests
{
    private const int Written = 24 << 20;
    private static readonly long[] ChangedOffsets = [1L << 20, 9L << 20, 17L << 20];

    [Theory]
    [InlineData(TestFilesystemKind.Xfs)]
    [InlineData(TestFilesystemKind.Btrfs)]
    public async Task An_incremental_reads_only_the_changed_blocks_and_restores_the_volume(TestFilesystemKind kind)
    {
        var (readByIncremental, restoredEqual) = await RunAsync(kind, tracking: true);

        Assert.True(restoredEqual, "The incremental's restore differs from the volume.");
        // Three 64 KiB writes: the blocks around them, and some read-ahead, but nowhere near the 24 MiB written.
        Assert.True(readByIncremental < 4 << 20, $"The incremental read {readByIncremental} bytes of the clone.");
    }

    [Fact]
    public async Task With_tracking_off_the_same_incremental_reads_the_whole_volume()
    {
        var (readByIncremental, restoredEqual) = await RunAsync(TestFilesystemKind.Xfs, tracking: false);

        Assert.True(restoredEqual, "The incremental's restore differs from the volume.");
        Assert.True(readByIncremental >= Written, $"The incremental read only {readByIncremental} bytes of the clone.");
    }

    private static async Task<(long ReadByIncremental, bool RestoredEqual)> RunAsync(TestFilesystemKind kind, bool tracking)
    {
        using var directory = new TestFilesystemDirectory(kind);
        await using var server = await SnapshotServers.StartAsync(
            directory, ("VolumeBackup:Backups:ChangedBlockTracking", tracking ? "true" : "false"));
        var api = CinderBackupsApi.Admin(server);
        var volume = await api.CreateVolumeAsync();
        var volumePath = await api.DevicePathAsync(volume);
        var file = new VolumeFile(volumePath);
        file.Write(0, VolumeFile.RandomBytes(Written, seed: 71));
        var full = await api.CreateBackupAsync(volume);
        await api.WaitForBackupStatusAsync(full, "available");

        for (var i = 0; i < ChangedOffsets.Length; i++)
        {
            file.Write(ChangedOffsets[i], VolumeFile.RandomBytes(64 << 10, seed: 72 + i));
        }

        var incremental = await api.CreateBackupAsync(volume, extra: ", \"incremental\": true");
        await api.WaitForBackupStatusAsync(incremental, "available");
        var hpVolume = await api.HpVolumeIdAsync(volume);
        var hpBackup = await SnapshotServers.HpBackupIdAsync(server, incremental);
        var clone = Path.Combine(SnapshotServers.SnapshotDirectory(server.DataDirectory, hpVolume), "backup-" + hpBackup);
        var read = PageCache.ResidentBytes(clone); // a clone is a new file: only what the backup read is cached

        var restored = (await api.RestoreAsync(incremental)).GetProperty("volume_id").GetString()!;
        await api.WaitForVolumeStatusAsync(restored, "available");
        return (read, SnapshotServers.Sha256(await api.DevicePathAsync(restored)) == SnapshotServers.Sha256(volumePath));
    }
}
