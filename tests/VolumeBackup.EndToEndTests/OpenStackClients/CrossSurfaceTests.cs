using VolumeBackup.EndToEndTests.Swift;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.EndToEndTests.OpenStackClients;

/// <summary>Both surfaces act on the same volumes and backups: what one makes, the other lists, restores and deletes.</summary>
[Collection(FastOpenStackServerGroup.Name)]
public sealed class CrossSurfaceTests(FastOpenStackServer server)
{
    [Fact]
    public async Task A_backup_made_through_the_hp_api_is_shown_restored_and_deleted_by_cinder()
    {
        var project = server.NewProject();
        var hp = project.Hp;
        var volumeName = OpenStackProject.UniqueName("hp-src");
        var volume = await ApiAssert.OkJsonAsync(await hp.Client.PostRawAsync(
            $"v1.1/{hp.Tenant}/os-volumes", $$$"""{"volume": {"size": 1, "display_name": "{{{volumeName}}}"}}"""));
        var hpVolumeId = volume.GetProperty("volume").GetProperty("id").GetString()!;
        var source = await hp.DevicePathAsync(hpVolumeId);
        VolumeBytes.WriteKnown(source, seed: 81, randomMiB: 2);
        var original = await VolumeContent.HashAsync(source);

        var backupName = OpenStackProject.UniqueName("hp-bk");
        var backup = await ApiAssert.OkJsonAsync(await hp.PostBackupAsync(
            $$$"""{"backup": {"volume_id": "{{{hpVolumeId}}}", "display_name": "{{{backupName}}}"}}"""));
        var hpBackupId = backup.GetProperty("backup").GetProperty("id").GetString()!;
        await hp.WaitForBackupStatusAsync(hpBackupId, "available");

        // The Cinder surface shows the same backup under its UUID, pointing at the same volume's UUID.
        var volumeUuid = (await project.Cli.OpenStackJsonAsync("volume", "show", volumeName)).GetProperty("id").GetString()!;
        var row = Assert.Single((await project.Cli.CinderAsync("backup-list")).Table(), r => r["Name"] == backupName);
        Assert.True(Guid.TryParse(row["ID"], out _), $"Not a UUID: {row["ID"]}");
        Assert.Equal(volumeUuid, row["Volume ID"]);
        Assert.Equal("available", row["Status"]);
        var show = (await project.Cli.CinderAsync("backup-show", backupName)).Properties();
        Assert.Equal(row["ID"], show["id"]);

        var restoredName = OpenStackProject.UniqueName("hp-new");
        var restore = (await project.Cli.CinderAsync("backup-restore", backupName, "--name", restoredName)).Properties();
        Assert.Equal(row["ID"], restore["backup_id"]);
        await project.WaitForVolumeAsync(restore["volume_id"], "available");
        await project.WaitForBackupAsync(row["ID"], "available");
        Assert.Equal(original, await VolumeContent.HashAsync(await project.DevicePathAsync(restoredName)));

        var delete = await project.Cli.CinderAsync("backup-delete", backupName);
        delete.AssertSucceeded();
        Assert.Contains($"Request to delete backup {backupName} has been accepted.", delete.Stdout, StringComparison.Ordinal);
        await hp.WaitUntilGoneAsync(hpBackupId);
    }

    [Fact]
    public async Task A_backup_made_with_openstack_is_listed_restored_and_deleted_through_the_hp_api()
    {
        var project = server.NewProject();
        var hp = project.Hp;
        var volumeName = OpenStackProject.UniqueName("osc-src");
        var volumeUuid = await project.CreateVolumeAsync(volumeName);
        var hpVolume = await project.HpVolumeAsync(volumeName);
        var source = hpVolume.GetProperty("devicePath").GetString()!;
        VolumeBytes.WriteKnown(source, seed: 91, randomMiB: 2);
        var original = await VolumeContent.HashAsync(source);

        // The volume named, not given by id: the client finds it through the name filter of the volume list.
        var backupName = OpenStackProject.UniqueName("osc-bk");
        var backupUuid = (await project.Cli.OpenStackJsonAsync("volume", "backup", "create", "--name", backupName, volumeName))
            .GetProperty("id").GetString()!;
        await project.WaitForBackupAsync(backupUuid, "available");

        var listed = await project.HpBackupAsync(backupName);
        var hpBackupId = listed.GetProperty("id").GetString()!;
        Assert.True(long.TryParse(hpBackupId, out _), $"The HP surface shows integer ids: {listed}");
        Assert.Equal(hpVolume.GetProperty("id").GetString(), listed.GetProperty("volume_id").GetString());
        Assert.Equal("available", listed.GetProperty("status").GetString());
        Assert.Equal(1, listed.GetProperty("size").GetInt32());

        var restoredId = await hp.RestoreAsync(hpBackupId);
        await hp.WaitForVolumeStatusAsync(restoredId, "available");
        await hp.WaitForBackupStatusAsync(hpBackupId, "available");
        Assert.Equal(original, await VolumeContent.HashAsync(await hp.DevicePathAsync(restoredId)));

        using (var deleted = await hp.DeleteBackupAsync(hpBackupId))
        {
            Assert.True(deleted.IsSuccessStatusCode, $"Delete answered {(int)deleted.StatusCode}");
        }

        await hp.WaitUntilGoneAsync(hpBackupId);
        await project.WaitUntilBackupGoneAsync(backupUuid);
        Assert.NotEqual(volumeUuid, hpVolume.GetProperty("id").GetString()); // two ids, one volume
    }
}
