using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Testing.DataPath;

namespace VolumeBackup.IntegrationTests.Backups;

/// <summary>Jobs that fail end with the backup in error, a reason a user can read (no paths), and the volume unlocked.</summary>
public sealed class BackupFailureTests(BackupServerFixture fixture) : IClassFixture<BackupServerFixture>
{
    [Fact]
    public async Task A_backup_whose_volume_file_is_gone_ends_in_error_with_a_reason_and_unlocks_the_volume()
    {
        var api = fixture.NewTenant();
        var volumeId = await api.CreateVolumeAsync(1);
        File.Delete(await api.DevicePathAsync(volumeId));

        var backupId = await api.CreateBackupAsync(volumeId);

        var backup = await api.WaitForBackupStatusAsync(backupId, BackupStatus.Error);
        Assert.Equal("The backup failed: the volume's data was not found on its host.", backup.GetProperty("fail_reason").GetString());
        await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.Available);
    }

    [Fact]
    public async Task A_backup_whose_container_cannot_be_created_ends_in_error_naming_the_container()
    {
        var api = fixture.NewTenant();
        var volumeId = await api.CreateVolumeAsync(1);
        var tenantObjects = Path.Combine(fixture.Server.DataDirectory, "objects", api.Tenant);
        Directory.CreateDirectory(tenantObjects);
        await File.WriteAllTextAsync(Path.Combine(tenantObjects, "blocked"), "a file where the container would go",
            TestContext.Current.CancellationToken);

        var backupId = await api.CreateBackupAsync(volumeId, container: "blocked");

        var backup = await api.WaitForBackupStatusAsync(backupId, BackupStatus.Error);
        Assert.Equal("The backup failed: container blocked could not be created in the object store.",
            backup.GetProperty("fail_reason").GetString());
        await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.Available);
    }

    [Fact]
    public async Task A_restore_of_a_backup_whose_objects_were_removed_ends_in_error_and_leaves_the_volume_error_restoring()
    {
        var api = fixture.NewTenant();
        var volumeId = await api.CreateVolumeAsync(1);
        new VolumeFile(await api.DevicePathAsync(volumeId)).Write(0, VolumeFile.RandomBytes(1 << 20, seed: 41));
        var backupId = await api.CreateBackupAsync(volumeId, container: "emptied");
        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.Available);
        var container = Path.Combine(fixture.Server.DataDirectory, "objects", api.Tenant, "emptied");
        foreach (var pack in Directory.GetFiles(Path.Combine(container, "packs"), "*", SearchOption.AllDirectories))
        {
            File.Delete(pack); // as a user might with Swift tools
        }

        await api.RestoreAsync(backupId, volumeId);

        var backup = await api.WaitForBackupStatusAsync(backupId, BackupStatus.Error);
        var reason = backup.GetProperty("fail_reason").GetString()!;
        // One sentence for the user; which block and object were damaged goes to the log only.
        Assert.Equal("The restore failed: the backup's data in the object store is damaged or incomplete.", reason);
        Assert.DoesNotContain(fixture.Server.DataDirectory, reason, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", reason, StringComparison.Ordinal);
        await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.ErrorRestoring);
    }
}
