using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Platform;
using VolumeBackup.Testing.Cinder;
using VolumeBackup.Testing.Servers;
using VolumeBackup.Testing.Volumes;

namespace VolumeBackup.IntegrationTests.Volumes;

/// <summary>
/// Adopted block devices and files through both API surfaces of a real server: managed, backed up, restored byte-exact
/// to a new volume and back onto themselves after their bytes were overwritten, unmanaged and deleted without their
/// bytes being touched.
/// </summary>
public sealed class ManageBackupRestoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_device_managed_through_cinder_restores_byte_exact_to_a_new_volume_and_onto_itself()
    {
        using var device = await LoopDevice.LeaseAsync(Ct);
        device.FillRandom(1);
        var size = device.SizeBytes;
        var original = await ManagedServer.HashAsync(device.Path, size);
        await using var server = await ManagedServer.StartAsync(device.Path);
        var cinder = new CinderBackupsApi(server.Server, server.Admin, server.Tenant);

        var volume = await server.ManageCinderAsync(device.Path);
        var volumeId = volume.GetProperty("id").GetString()!;
        Assert.Equal("available", volume.GetProperty("status").GetString());
        Assert.Equal((int)((size + (1L << 30) - 1) >> 30), volume.GetProperty("size").GetInt32()); // rounded up
        Assert.Equal("adopted", volume.GetProperty("name").GetString());
        Assert.Equal(device.Path, await cinder.DevicePathAsync(volumeId));

        var backupId = await cinder.CreateBackupAsync(volumeId);
        await cinder.WaitForBackupStatusAsync(backupId, "available");
        var restored = (await cinder.RestoreAsync(backupId)).GetProperty("volume_id").GetString()!;
        await cinder.WaitForVolumeStatusAsync(restored, "available");
        await cinder.WaitForBackupStatusAsync(backupId, "available");
        Assert.Equal(original, await ManagedServer.HashAsync(await cinder.DevicePathAsync(restored), size));

        device.FillRandom(2);
        Assert.NotEqual(original, await ManagedServer.HashAsync(device.Path, size));
        await cinder.RestoreAsync(backupId, volumeId);
        await cinder.WaitForVolumeStatusAsync(volumeId, "available");
        await cinder.WaitForBackupStatusAsync(backupId, "available");
        Assert.Equal(original, await ManagedServer.HashAsync(device.Path, size));
    }

    [Fact]
    public async Task A_mostly_zero_device_restored_onto_random_bytes_reads_back_its_zeros_and_unmanage_keeps_the_bytes()
    {
        using var device = await LoopDevice.LeaseAsync(Ct);
        var size = device.SizeBytes;
        using (var raw = File.OpenHandle(device.Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            BlockDevices.WriteZeros(raw, 0, size);
            await RandomAccess.WriteAsync(raw, RandomNumberGenerator.GetBytes(3 << 20), 100L << 20, Ct); // a little data
            RandomAccess.FlushToDisk(raw);
        }

        var original = await ManagedServer.HashAsync(device.Path, size);
        await using var server = await ManagedServer.StartAsync(device.Path);
        var volume = await server.ManageHpAsync(device.Path);
        var volumeId = volume.GetProperty("id").GetString()!;
        Assert.Equal(device.Path, volume.GetProperty("devicePath").GetString());

        var backupId = await server.Hp.CreateBackupAsync(volumeId);
        await server.Hp.WaitForBackupStatusAsync(backupId, "available");
        device.FillRandom(3); // every zero of the backup must now be written, or the random bytes show through
        await server.Hp.RestoreAsync(backupId, volumeId);
        await server.Hp.WaitForVolumeStatusAsync(volumeId, "available");
        await server.Hp.WaitForBackupStatusAsync(backupId, "available");
        Assert.Equal(original, await ManagedServer.HashAsync(device.Path, size));

        var rows = await server.VolumeRowsAsync();
        using (var unmanage = await server.Admin.PostRawAsync($"v1.1/{server.Tenant}/os-volumes/{volumeId}/action", """{"os-unmanage": null}"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, unmanage.StatusCode);
        }

        Assert.Equal(rows - 1, await server.VolumeRowsAsync());
        using (var show = await server.Admin.GetPathAsync($"v1.1/{server.Tenant}/os-volumes/{volumeId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, show.StatusCode);
        }

        Assert.Equal(original, await ManagedServer.HashAsync(device.Path, size));
        await server.ManageHpAsync(device.Path); // released: it may be adopted again
    }

    [Fact]
    public async Task Cinders_legacy_route_manages_and_delete_releases_the_device_without_touching_it()
    {
        using var device = await LoopDevice.LeaseAsync(Ct);
        device.FillRandom(4);
        var size = device.SizeBytes;
        var original = await ManagedServer.HashAsync(device.Path, size);
        await using var server = await ManagedServer.StartAsync("/dev/loop*");
        var cinder = new CinderBackupsApi(server.Server, server.Admin, server.Tenant);

        var volumeId = (await server.ManageCinderAsync(device.Path, "os-volume-manage")).GetProperty("id").GetString()!;
        using (var delete = await cinder.SendAsync(HttpMethod.Delete, $"v3/{server.Tenant}/volumes/{volumeId}"))
        {
            Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        }

        Assert.Equal(0, await server.VolumeRowsAsync());
        Assert.Equal(original, await ManagedServer.HashAsync(device.Path, size));
        var again = await server.ManageCinderAsync(device.Path);
        await cinder.VolumeActionAsync(again.GetProperty("id").GetString()!, """{"os-unmanage": null}""");
        Assert.Equal(0, await server.VolumeRowsAsync());
        Assert.Equal(original, await ManagedServer.HashAsync(device.Path, size));
    }

    [Fact]
    public async Task A_regular_file_of_an_odd_size_is_adopted_and_restored_byte_exact()
    {
        using var dir = new TestFilesystemDirectory(TestFilesystemKind.Ext4);
        var file = Path.Combine(dir.Path, "disk.img");
        var bytes = RandomNumberGenerator.GetBytes((5 << 20) + 123); // neither GiB nor sector aligned
        await File.WriteAllBytesAsync(file, bytes, Ct);
        await using var server = await ManagedServer.StartAsync(dir.Path);

        var volume = await server.ManageHpAsync(file);
        var volumeId = volume.GetProperty("id").GetString()!;
        Assert.Equal(1, volume.GetProperty("size").GetInt32());
        var backupId = await server.Hp.CreateBackupAsync(volumeId);
        await server.Hp.WaitForBackupStatusAsync(backupId, "available");
        await File.WriteAllBytesAsync(file, RandomNumberGenerator.GetBytes(bytes.Length), Ct);
        await server.Hp.RestoreAsync(backupId, volumeId);
        await server.Hp.WaitForVolumeStatusAsync(volumeId, "available");

        Assert.Equal(bytes, await File.ReadAllBytesAsync(file, Ct));
    }

    [Fact]
    public async Task A_backup_larger_than_an_adopted_device_fails_its_restore_with_the_sizes_and_writes_nothing()
    {
        using var device = await LoopDevice.LeaseAsync(Ct);
        device.FillRandom(5);
        var size = device.SizeBytes;
        var original = await ManagedServer.HashAsync(device.Path, size);
        await using var server = await ManagedServer.StartAsync(device.Path);
        var adopted = (await server.ManageHpAsync(device.Path)).GetProperty("id").GetString()!;
        var made = await server.Hp.CreateVolumeAsync(1); // a whole GiB: more bytes than the device holds
        var backupId = await server.Hp.CreateBackupAsync(made);
        await server.Hp.WaitForBackupStatusAsync(backupId, "available");

        await server.Hp.RestoreAsync(backupId, adopted);
        await server.Hp.WaitForVolumeStatusAsync(adopted, "error_restoring");
        var backup = await server.Hp.WaitForBackupStatusAsync(backupId, "available"); // intact: not marked damaged

        await using var scope = server.Server.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<VolumeStore>()
            .FindAsync(server.Tenant, long.Parse(adopted, CultureInfo.InvariantCulture), Ct);
        Assert.Equal(
            $"The restore failed: The target volume ({size} bytes) is smaller than backup {backupId} ({1L << 30} bytes).",
            row!.FailReason);
        Assert.Equal("available", backup.GetProperty("status").GetString());
        Assert.Equal(original, await ManagedServer.HashAsync(device.Path, size));
    }
}
