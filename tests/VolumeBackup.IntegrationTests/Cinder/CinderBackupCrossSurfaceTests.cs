using System.Net;
using VolumeBackup.IntegrationTests.Backups;
using VolumeBackup.Testing.Cinder;
using VolumeBackup.Testing.DataPath;

namespace VolumeBackup.IntegrationTests.Cinder;

/// <summary>
/// One domain, two surfaces: a backup made through the HP surface is listed, shown, restored and deleted through
/// Cinder, and the other way round, with the restored bytes compared to the original's.
/// </summary>
public sealed class CinderBackupCrossSurfaceTests(BackupServerFixture fixture) : IClassFixture<BackupServerFixture>
{
    [Fact]
    public async Task A_backup_made_through_the_hp_surface_is_listed_shown_restored_byte_for_byte_and_deleted_through_cinder()
    {
        var api = CinderBackupsApi.Admin(fixture.Server);
        var hpVolume = await api.Hp.CreateVolumeAsync(1);
        var volumeUuid = await api.VolumeUuidAsync(hpVolume);
        var original = WriteKnownBytes(new VolumeFile(await api.Hp.DevicePathAsync(hpVolume)));
        var hpBackup = await api.Hp.CreateBackupAsync(hpVolume, container: "cross");
        await api.Hp.WaitForBackupStatusAsync(hpBackup, "available");

        var listed = await CinderBackupsApi.JsonAsync(await api.GetAsync(api.Backups + "/detail"), HttpStatusCode.OK);
        var backup = Assert.Single(listed.GetProperty("backups").EnumerateArray());
        var id = backup.GetProperty("id").GetString()!;
        Assert.Equal(volumeUuid, backup.GetProperty("volume_id").GetString());
        Assert.Equal("cross", (await api.ShowAsync(id)).GetProperty("container").GetString());

        var target = await api.CreateVolumeAsync();
        var restore = await api.RestoreAsync(id, target);
        Assert.Equal(target, restore.GetProperty("volume_id").GetString());
        await api.WaitForVolumeStatusAsync(target, "available");
        await api.WaitForBackupStatusAsync(id, "available");
        Assert.Equal(original, new VolumeFile(await api.DevicePathAsync(target)).Sha256());

        Assert.Equal(HttpStatusCode.Accepted, (await api.DeleteBackupAsync(id)).StatusCode);
        await api.Hp.WaitUntilGoneAsync(hpBackup);
        Assert.Empty(await api.Hp.ListIdsAsync());
    }

    [Fact]
    public async Task A_backup_made_through_cinder_is_listed_restored_byte_for_byte_and_deleted_through_the_hp_surface()
    {
        var api = CinderBackupsApi.Admin(fixture.Server);
        var volume = await api.CreateVolumeAsync();
        var original = WriteKnownBytes(new VolumeFile(await api.DevicePathAsync(volume)));
        var id = await api.CreateBackupAsync(volume);
        await api.WaitForBackupStatusAsync(id, "available");
        await api.WaitForVolumeStatusAsync(volume, "available");

        var hpBackup = Assert.Single(await api.Hp.ListIdsAsync(detail: true));
        Assert.Equal(await api.HpVolumeIdAsync(volume), (await api.Hp.ShowAsync(hpBackup)).GetProperty("volume_id").GetString());
        var newVolume = await api.Hp.RestoreAsync(hpBackup);
        await api.Hp.WaitForVolumeStatusAsync(newVolume, "available");
        await api.Hp.WaitForBackupStatusAsync(hpBackup, "available");
        Assert.Equal(original, new VolumeFile(await api.Hp.DevicePathAsync(newVolume)).Sha256());

        Assert.Equal(HttpStatusCode.Accepted, (await api.Hp.DeleteBackupAsync(hpBackup)).StatusCode);
        await api.WaitUntilGoneAsync(id);
    }

    private static string WriteKnownBytes(VolumeFile volume)
    {
        volume.Write(0, VolumeFile.RandomBytes(3 << 20, seed: 11));
        volume.Write(600L << 20, VolumeFile.TextBytes(1 << 20, seed: 12));
        volume.Write((1L << 30) - 4096, VolumeFile.RandomBytes(4096, seed: 13));
        return volume.Sha256();
    }
}
