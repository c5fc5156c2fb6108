using System.Text.Json;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Testing.ObjectStores;

namespace VolumeBackup.EndToEndTests.Swift;

/// <summary>
/// The real server stores a tenant's backup in the tenant's own Swift account, where the tenant sees it with the
/// <c>swift</c> client; the backup restores byte for byte, and deleting it removes its objects from the container.
/// </summary>
public sealed class SwiftBackupRoundTripTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_backup_lands_in_the_tenants_swift_account_restores_byte_for_byte_and_its_delete_empties_the_container()
    {
        SwiftCli.Require();
        await using var server = await SwiftServer.StartAsync();
        var api = server.AdminApi(SwiftFixture.TenantA);
        var volumeId = await api.CreateVolumeAsync(1);
        var source = await api.DevicePathAsync(volumeId);
        VolumeBytes.WriteKnown(source, seed: 61);

        var backupId = await api.CreateBackupAsync(volumeId, server.Container);
        var backup = await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);

        // The tenant sees the backup's objects in its own account, under the prefixes docs/backup-format.md names.
        var names = await SwiftCli.TenantA.ListAsync(server.Container, Ct);
        var root = $"backups/{backupId}/manifest.json";
        Assert.Contains(root, names);
        Assert.Contains(names, name => name.StartsWith("packs/", StringComparison.Ordinal));
        Assert.Contains(names, name => name.StartsWith("segments/", StringComparison.Ordinal));
        Assert.DoesNotContain(names, name => name.StartsWith("locks/", StringComparison.Ordinal));
        Assert.Equal(backup.GetProperty("object_count").GetInt32(), names.Length);

        using (var manifest = JsonDocument.Parse(await SwiftCli.TenantA.DownloadAsync(server.Container, root, Ct)))
        {
            Assert.Equal(backupId, manifest.RootElement.GetProperty("backup_id").GetString());
            Assert.Equal(volumeId, manifest.RootElement.GetProperty("volume_id").GetString());
            Assert.Equal(new FileInfo(source).Length, manifest.RootElement.GetProperty("volume_size").GetInt64());
        }

        var stat = await SwiftCli.TenantA.StatAsync(server.Container, root, Ct);
        Assert.Contains($"Meta Backup-Id: {backupId}", stat, StringComparison.Ordinal);
        Assert.Contains($"Meta Volume-Id: {volumeId}", stat, StringComparison.Ordinal);

        await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.Available);
        var restoredId = await api.RestoreAsync(backupId);
        await api.WaitForVolumeStatusAsync(restoredId, VolumeStatus.Available);
        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        VolumeBytes.AssertSame(source, await api.DevicePathAsync(restoredId));

        using (var deleted = await api.DeleteBackupAsync(backupId))
        {
            Assert.True(deleted.IsSuccessStatusCode, $"Delete answered {(int)deleted.StatusCode}");
        }

        await api.WaitUntilGoneAsync(backupId);
        Assert.Empty(await SwiftCli.TenantA.ListAsync(server.Container, Ct));
    }
}
