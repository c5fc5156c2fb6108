using System.Net;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Testing.DataPath;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Backups;

/// <summary>Known bytes go into a volume, through a backup and a restore, and come back identical.</summary>
public sealed class BackupRoundTripTests(BackupServerFixture fixture) : IClassFixture<BackupServerFixture>
{
    [Fact]
    public async Task A_backup_restored_to_the_same_volume_and_to_a_new_one_gives_back_every_byte()
    {
        var api = fixture.NewTenant();
        var volumeId = await api.CreateVolumeAsync(1);
        var volume = new VolumeFile(await api.DevicePathAsync(volumeId));
        volume.Write(0, VolumeFile.RandomBytes(3 << 20, seed: 1));
        volume.Write(700L << 20, VolumeFile.TextBytes(1 << 20, seed: 2));
        volume.Write((1L << 30) - 4096, VolumeFile.RandomBytes(4096, seed: 3)); // the very last block
        var original = volume.Sha256();

        var backupId = await api.CreateBackupAsync(volumeId);
        var backup = await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        Assert.Equal(1, backup.GetProperty("size").GetInt32());
        Assert.True(backup.GetProperty("object_count").GetInt32() > 0);
        Assert.False(backup.TryGetProperty("progress", out _));
        await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.Available);

        volume.Write(0, VolumeFile.RandomBytes(5 << 20, seed: 9)); // damage it, then restore over it
        Assert.Equal(volumeId, await api.RestoreAsync(backupId, volumeId));
        await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.Available);
        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        Assert.Equal(original, volume.Sha256());

        var newVolumeId = await api.RestoreAsync(backupId);
        Assert.NotEqual(volumeId, newVolumeId);
        var restored = await api.WaitForVolumeStatusAsync(newVolumeId, VolumeStatus.Available);
        Assert.Equal(1, restored.GetProperty("size").GetInt32());
        Assert.Equal(original, new VolumeFile(await api.DevicePathAsync(newVolumeId)).Sha256());
    }

    [Fact]
    public async Task Delete_removes_every_object_of_the_backup_from_its_container_and_then_the_backup()
    {
        var api = fixture.NewTenant();
        var volumeId = await api.CreateVolumeAsync(1);
        new VolumeFile(await api.DevicePathAsync(volumeId)).Write(0, VolumeFile.RandomBytes(2 << 20, seed: 4));
        var backupId = await api.CreateBackupAsync(volumeId, container: "to-delete");
        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        var container = Path.Combine(fixture.Server.DataDirectory, "objects", api.Tenant, "to-delete");
        Assert.NotEmpty(ObjectFiles(container));

        var response = await api.DeleteBackupAsync(backupId);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        await api.WaitUntilGoneAsync(backupId);
        Assert.Empty(ObjectFiles(container));
        Assert.Empty(await api.ListIdsAsync());
    }

    [Fact]
    public async Task Deleting_the_first_of_two_backups_keeps_the_second_restorable_byte_for_byte()
    {
        var api = fixture.NewTenant();
        var volumeId = await api.CreateVolumeAsync(1);
        var volume = new VolumeFile(await api.DevicePathAsync(volumeId));
        volume.Write(0, VolumeFile.RandomBytes(2 << 20, seed: 5));
        var first = await api.CreateBackupAsync(volumeId);
        await api.WaitForBackupStatusAsync(first, BackupStatus.Available);
        await api.WaitForVolumeStatusAsync(volumeId, VolumeStatus.Available);
        volume.Write(1 << 20, VolumeFile.RandomBytes(64 << 10, seed: 6)); // the second backup shares most blocks
        var expected = volume.Sha256();
        var second = await api.CreateBackupAsync(volumeId);
        await api.WaitForBackupStatusAsync(second, BackupStatus.Available);

        Assert.Equal(HttpStatusCode.Accepted, (await api.DeleteBackupAsync(first)).StatusCode);
        await api.WaitUntilGoneAsync(first);
        var restoredId = await api.RestoreAsync(second);
        await api.WaitForVolumeStatusAsync(restoredId, VolumeStatus.Available);

        Assert.Equal(expected, new VolumeFile(await api.DevicePathAsync(restoredId)).Sha256());
    }

    [Fact]
    public async Task Without_a_container_the_configured_default_is_used_and_created()
    {
        var api = fixture.NewTenant();
        var volumeId = await api.CreateVolumeAsync(1);

        var created = await ApiAssert.OkJsonAsync(await api.PostBackupAsync($"{{\"backup\": {{\"volume_id\": {volumeId}}}}}"));

        var backupId = created.GetProperty("backup").GetProperty("id").GetString()!;
        Assert.Equal("volumebackups", created.GetProperty("backup").GetProperty("container").GetString());
        await api.WaitForBackupStatusAsync(backupId, BackupStatus.Available);
        Assert.True(Directory.Exists(Path.Combine(fixture.Server.DataDirectory, "objects", api.Tenant, "volumebackups")));
    }

    private static string[] ObjectFiles(string container) =>
        Directory.Exists(container)
            ? [.. Directory.GetFiles(container, "*", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith('.'))]
            : [];
}
