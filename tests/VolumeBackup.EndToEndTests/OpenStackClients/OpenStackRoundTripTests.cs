using System.Text.Json;
using VolumeBackup.Testing.OpenStack;
using VolumeBackup.EndToEndTests.Swift;

namespace VolumeBackup.EndToEndTests.OpenStackClients;

/// <summary>
/// What a user of the stock OpenStack clients does: volume, known bytes, backup, list and show with both clients,
/// restore into a new volume and into the same one (bytes compared with the source), delete.
/// </summary>
[Collection(FastOpenStackServerGroup.Name)]
public sealed class OpenStackRoundTripTests(FastOpenStackServer server)
{
    [Fact]
    public async Task A_backup_made_with_openstack_is_listed_by_both_clients_restores_byte_for_byte_and_is_deleted()
    {
        var project = server.NewProject();
        var cli = project.Cli;
        var volumeName = OpenStackProject.UniqueName("src");
        var volumeId = await project.CreateVolumeAsync(volumeName);
        var source = await project.DevicePathAsync(volumeName);
        VolumeBytes.WriteKnown(source, seed: 71, randomMiB: 2);
        var original = await VolumeContent.HashAsync(source);

        var backupName = OpenStackProject.UniqueName("bk");
        var created = await cli.OpenStackJsonAsync("volume", "backup", "create", "--name", backupName, volumeId);
        var backupId = created.GetProperty("id").GetString()!;
        Assert.True(Guid.TryParse(backupId, out _), $"Not a UUID: {created}");
        var shown = await project.WaitForBackupAsync(backupId, "available");
        Assert.Equal(backupName, shown.GetProperty("name").GetString());
        Assert.Equal(volumeId, shown.GetProperty("volume_id").GetString());
        Assert.Equal(1, shown.GetProperty("size").GetInt32());
        await project.WaitForVolumeAsync(volumeId, "available");

        await AssertListedAsync(project, backupId, backupName, volumeId, volumeName);

        // cinder: restore into a new volume, named by the user.
        var newName = OpenStackProject.UniqueName("new");
        var restore = (await cli.CinderAsync("backup-restore", backupId, "--name", newName)).Properties();
        Assert.Equal(backupId, restore["backup_id"]);
        Assert.Equal(newName, restore["volume_name"]);
        await project.WaitForVolumeAsync(restore["volume_id"], "available");
        await project.WaitForBackupAsync(backupId, "available");
        Assert.Equal(original, await VolumeContent.HashAsync(await project.DevicePathAsync(newName)));

        // openstack: restore into the same volume, changed since the backup (the client insists on --force).
        VolumeContent.Scribble(source, seed: 72);
        Assert.NotEqual(original, await VolumeContent.HashAsync(source));
        VolumeContent.AssertRestoreSent(await cli.OpenStackAsync("volume", "backup", "restore", backupId, volumeId, "--force"));
        await project.WaitForVolumeAsync(volumeId, "available");
        await project.WaitForBackupAsync(backupId, "available");
        Assert.Equal(original, await VolumeContent.HashAsync(source));

        // openstack: restore into a new volume, named by the user (a name that no volume has yet).
        var otherName = OpenStackProject.UniqueName("new");
        VolumeContent.AssertRestoreSent(await cli.OpenStackAsync("volume", "backup", "restore", backupId, otherName));
        var other = await cli.OpenStackJsonAsync("volume", "show", otherName);
        await project.WaitForVolumeAsync(other.GetProperty("id").GetString()!, "available");
        await project.WaitForBackupAsync(backupId, "available");
        Assert.Equal(original, await VolumeContent.HashAsync(await project.DevicePathAsync(otherName)));

        var delete = await cli.OpenStackAsync("volume", "backup", "delete", backupId);
        delete.AssertSucceeded();
        await project.WaitUntilBackupGoneAsync(backupId);
        Assert.DoesNotContain((await cli.CinderAsync("backup-list")).Table(), row => row["ID"] == backupId);
        Assert.Equal(original, await VolumeContent.HashAsync(source)); // deleting a backup leaves the volume alone
    }

    /// <summary>list, list --long and show by name with openstack; backup-list and backup-show with cinder.</summary>
    private static async Task AssertListedAsync(OpenStackProject project, string backupId, string backupName, string volumeId, string volumeName)
    {
        var cli = project.Cli;
        var list = (await cli.OpenStackJsonAsync("volume", "backup", "list")).EnumerateArray().ToList();
        var row = Assert.Single(list, b => b.GetProperty("ID").GetString() == backupId);
        Assert.Equal(backupName, row.GetProperty("Name").GetString());
        Assert.Equal("available", row.GetProperty("Status").GetString());
        Assert.Equal(1, row.GetProperty("Size").GetInt32());

        // --long adds the volume (its id in JSON; the table shows the name the client found in the volume list).
        var longList = (await cli.OpenStackJsonAsync("volume", "backup", "list", "--long")).EnumerateArray().ToList();
        var longRow = Assert.Single(longList, b => b.GetProperty("ID").GetString() == backupId);
        Assert.Equal(volumeId, longRow.GetProperty("Volume").GetString());
        var longTable = await cli.OpenStackAsync("volume", "backup", "list", "--long");
        longTable.AssertSucceeded();
        Assert.Contains(PrettyTable.Parse(longTable.Stdout), r => r["ID"] == backupId && r["Volume"] == volumeName);

        var byName = await cli.OpenStackJsonAsync("volume", "backup", "show", backupName);
        Assert.Equal(backupId, byName.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.String, byName.GetProperty("created_at").ValueKind);

        var table = (await cli.CinderAsync("backup-list")).Table();
        var cinderRow = Assert.Single(table, r => r["ID"] == backupId);
        Assert.Equal(volumeId, cinderRow["Volume ID"]);
        Assert.Equal("available", cinderRow["Status"]);
        Assert.Equal(backupName, cinderRow["Name"]);
        Assert.Equal("1", cinderRow["Size"]);

        var show = (await cli.CinderAsync("backup-show", backupId)).Properties();
        Assert.Equal(backupId, show["id"]);
        Assert.Equal(backupName, show["name"]);
        Assert.Equal("available", show["status"]);
        Assert.Equal(volumeId, show["volume_id"]);
        Assert.Equal("1", show["size"]);
    }
}
