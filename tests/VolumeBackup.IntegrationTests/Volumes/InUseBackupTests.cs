using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Volumes;
using VolumeBackup.Volumes.Snapshots;
using VolumeBackup.Testing.Cinder;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.Servers;
using VolumeBackup.Testing.Volumes;

namespace VolumeBackup.IntegrationTests.Volumes;

/// <summary>
/// Backups of in-use volumes (Cinder's force) from reflink clones, through the real server whose data directory is on a
/// real XFS, btrfs or ext4: the bytes restored are the clone's while a writer keeps changing the volume; the volume is
/// locked backing-up meanwhile and given back in-use; where clones are impossible force is a 400 naming why.
/// </summary>
public sealed class InUseBackupTests
{
    private const long WrittenSpan = 24L << 20;

    [Theory]
    [InlineData(TestFilesystemKind.Xfs)]
    [InlineData(TestFilesystemKind.Btrfs)]
    public async Task An_in_use_volume_is_backed_up_from_its_clone_while_a_writer_keeps_writing(TestFilesystemKind kind)
    {
        using var directory = new TestFilesystemDirectory(kind);
        // 24 MiB at 8 MB/s: the backup reads for about 3 s, all the while the writer changes the volume under it.
        await using var server = await SnapshotServers.StartAsync(directory, ("VolumeBackup:Backups:MaxBytesPerSecond", "8000000"));
        var api = CinderBackupsApi.Admin(server);
        var volume = await api.CreateVolumeAsync();
        var volumePath = await api.DevicePathAsync(volume);
        new VolumeFile(volumePath).Write(0, VolumeFile.RandomBytes((int)WrittenSpan, seed: 61));
        await api.VolumeActionAsync(volume, SnapshotServers.AttachBody);
        var hpVolume = await api.HpVolumeIdAsync(volume);

        long writesWhileBackingUp;
        await using (var writer = new VolumeWriter(volumePath, WrittenSpan, seed: 62))
        {
            var backup = await api.CreateBackupAsync(volume, extra: ", \"force\": true");
            var before = writer.Writes;
            var locked = (await api.VolumeAsync(volume)).GetProperty("status").GetString();
            var detach = await api.PostAsync($"v3/{api.Project}/volumes/{volume}/action", """{"os-detach": null}""");
            await api.WaitForBackupStatusAsync(backup, "available");
            writesWhileBackingUp = writer.Writes - before;
            await writer.StopAsync();

            Assert.Equal("backing-up", locked);
            await ApiAssert.FaultAsync(detach, HttpStatusCode.BadRequest, "badRequest", FaultMessages.VolumeMustBeInUseToDetach);
            var inUse = await api.WaitForVolumeStatusAsync(volume, "in-use");
            Assert.Single(inUse.GetProperty("attachments").EnumerateArray());

            // The clone the backup read is kept (the base of the next incremental), and it is the only snapshot.
            var hpBackup = await SnapshotServers.HpBackupIdAsync(server, backup);
            Assert.Equal(["backup-" + hpBackup], SnapshotServers.SnapshotFiles(server.DataDirectory, hpVolume));
            var clone = Path.Combine(SnapshotServers.SnapshotDirectory(server.DataDirectory, hpVolume), "backup-" + hpBackup);

            var restored = (await api.RestoreAsync(backup)).GetProperty("volume_id").GetString()!;
            await api.WaitForVolumeStatusAsync(restored, "available");
            var restoredHash = SnapshotServers.Sha256(await api.DevicePathAsync(restored));

            Assert.True(writesWhileBackingUp > 10, $"The writer wrote only {writesWhileBackingUp} blocks during the backup.");
            Assert.Equal(SnapshotServers.Sha256(clone), restoredHash); // the clone's bytes, not a torn mix
            Assert.NotEqual(SnapshotServers.Sha256(volumePath), restoredHash); // the writer did change the volume
        }
    }

    [Fact]
    public async Task On_ext4_force_is_400_naming_the_file_system_and_an_available_volume_is_still_backed_up_directly()
    {
        using var directory = new TestFilesystemDirectory(TestFilesystemKind.Ext4);
        await using var server = await SnapshotServers.StartAsync(directory);
        var api = CinderBackupsApi.Admin(server);
        var volume = await api.CreateVolumeAsync();
        var volumePath = await api.DevicePathAsync(volume);
        new VolumeFile(volumePath).Write(4096, VolumeFile.RandomBytes(3 << 20, seed: 63));
        var expected = SnapshotServers.Sha256(volumePath);
        await api.VolumeActionAsync(volume, SnapshotServers.AttachBody);

        var refused = await api.PostBackupAsync($"{{\"backup\": {{\"volume_id\": \"{volume}\", \"force\": true}}}}");

        await ApiAssert.FaultAsync(refused, HttpStatusCode.BadRequest, "badRequest", FaultMessages.InUseBackupNeedsSnapshot(
            "the volume's file system (ext4) cannot make reflink clones (XFS and btrfs can)."));
        Assert.Equal("in-use", (await api.VolumeAsync(volume)).GetProperty("status").GetString());
        var listed = await CinderBackupsApi.JsonAsync(await api.GetAsync(api.Backups), HttpStatusCode.OK);
        Assert.Equal("[]", listed.GetProperty("backups").GetRawText());

        await api.VolumeActionAsync(volume, """{"os-detach": null}""");
        var backup = await api.CreateBackupAsync(volume);
        await api.WaitForBackupStatusAsync(backup, "available");
        await api.WaitForVolumeStatusAsync(volume, "available");
        var restored = (await api.RestoreAsync(backup)).GetProperty("volume_id").GetString()!;
        await api.WaitForVolumeStatusAsync(restored, "available");

        Assert.Equal(expected, SnapshotServers.Sha256(await api.DevicePathAsync(restored)));
        Assert.Empty(SnapshotServers.SnapshotFiles(server.DataDirectory, await api.HpVolumeIdAsync(volume)));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(volumePath)!, ".vb-clone-probe-*")); // the probe cleans up
    }

    [Fact]
    public async Task With_snapshots_turned_off_force_is_400_even_on_xfs()
    {
        using var directory = new TestFilesystemDirectory(TestFilesystemKind.Xfs);
        await using var server = await SnapshotServers.StartAsync(directory, ("VolumeBackup:Snapshots:Enabled", "false"));
        var api = CinderBackupsApi.Admin(server);
        var volume = await api.CreateVolumeAsync();
        await api.VolumeActionAsync(volume, SnapshotServers.AttachBody);

        await ApiAssert.FaultAsync(await api.PostBackupAsync($"{{\"backup\": {{\"volume_id\": \"{volume}\", \"force\": true}}}}"),
            HttpStatusCode.BadRequest, "badRequest", FaultMessages.InUseBackupNeedsSnapshot("this node has no way to snapshot the volume."));
        Assert.Equal("in-use", (await api.VolumeAsync(volume)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task At_start_stray_snapshots_go_and_the_latest_backups_stays()
    {
        using var directory = new TestFilesystemDirectory(TestFilesystemKind.Xfs);
        await using var server = await SnapshotServers.StartAsync(directory);
        var api = CinderBackupsApi.Admin(server);
        var volume = await api.CreateVolumeAsync();
        new VolumeFile(await api.DevicePathAsync(volume)).Write(0, VolumeFile.RandomBytes(1 << 20, seed: 64));
        await api.VolumeActionAsync(volume, SnapshotServers.AttachBody);
        var first = await api.CreateBackupAsync(volume, extra: ", \"force\": true");
        await api.WaitForBackupStatusAsync(first, "available");
        await api.WaitForVolumeStatusAsync(volume, "in-use");
        var second = await api.CreateBackupAsync(volume, extra: ", \"force\": true");
        await api.WaitForBackupStatusAsync(second, "available");
        await api.WaitForVolumeStatusAsync(volume, "in-use");
        var hpVolume = await api.HpVolumeIdAsync(volume);
        var kept = "backup-" + await SnapshotServers.HpBackupIdAsync(server, second);

        // What crashed backups leave: a clone of a backup that never landed, and a clone cut short before its rename.
        var snapshots = server.Services.GetRequiredService<IVolumeSnapshots>();
        var location = new VolumeLocation(hpVolume, null);
        snapshots.Take(location, "backup-999999");
        File.Copy(Path.Combine(SnapshotServers.SnapshotDirectory(server.DataDirectory, hpVolume), kept),
            Path.Combine(SnapshotServers.SnapshotDirectory(server.DataDirectory, hpVolume), ".backup-999998.partial"));
        Assert.Equal(3, snapshots.List(location).Count);

        await server.RestartAsync();

        await WaitUntilAsync(() => SnapshotServers.SnapshotFiles(server.DataDirectory, hpVolume).Length == 1);
        Assert.Equal([kept], SnapshotServers.SnapshotFiles(server.DataDirectory, hpVolume));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 30 s.");
            await Task.Delay(100);
        }
    }
}
