namespace VolumeBackup.EndToEndTests.OpenStackClients;

/// <summary>
/// Requests the server refuses reach the user as readable messages with a non-zero exit: the server's fault message
/// and status as the clients print them, or the client's own "not found" after the server's 404.
/// </summary>
[Collection(FastOpenStackServerGroup.Name)]
public sealed class OpenStackClientErrorTests(FastOpenStackServer server)
{
    private const string TooSmall = "Invalid volume: Volume to be restored to is smaller than the backup to be restored";

    [Fact]
    public async Task A_backup_that_does_not_exist_is_reported_by_both_clients_for_show_restore_and_delete()
    {
        var cli = server.NewProject().Cli;
        var missing = Guid.NewGuid().ToString();
        var notFound = $"No volumebackup with a name or ID of '{missing}' exists.";

        // The clients ask GET backups/{id}, get 404, then search by name and find nothing. The list works
        // (an empty project), so the 404 is the backup's and not a missing route's.
        Assert.Empty((await cli.CinderAsync("backup-list")).Table());
        (await cli.CinderAsync("backup-show", missing)).AssertFailedWith("ERROR: " + notFound);
        (await cli.CinderAsync("backup-restore", missing)).AssertFailedWith("ERROR: " + notFound);
        var cinderDelete = await cli.CinderAsync("backup-delete", missing);
        cinderDelete.AssertFailedWith("ERROR: Unable to delete any of the specified backups.");
        Assert.Contains($"Delete for backup {missing} failed: {notFound}", cinderDelete.Stdout, StringComparison.Ordinal);

        (await cli.OpenStackAsync("volume", "backup", "show", missing)).AssertFailedWith(notFound);
        (await cli.OpenStackAsync("volume", "backup", "restore", missing)).AssertFailedWith(notFound);
        var oscDelete = await cli.OpenStackAsync("volume", "backup", "delete", missing);
        oscDelete.AssertFailedWith($"Failed to delete backup with name or ID '{missing}': {notFound}");
        oscDelete.AssertFailedWith("1 of 1 backups failed to delete.");
    }

    [Fact]
    public async Task A_backup_of_a_volume_that_does_not_exist_is_reported_by_both_clients()
    {
        var cli = server.NewProject().Cli;
        var missing = Guid.NewGuid().ToString();

        (await cli.CinderAsync("backup-create", missing)).AssertFailedWith($"ERROR: No volume with a name or ID of '{missing}' exists.");
        (await cli.OpenStackAsync("volume", "backup", "create", missing)).AssertFailedWith($"No volume with a name or ID of '{missing}' exists.");
        Assert.Empty((await cli.CinderAsync("backup-list")).Table());
    }

    [Fact]
    public async Task A_restore_into_a_volume_smaller_than_the_backup_shows_the_servers_message_and_changes_nothing()
    {
        var project = server.NewProject();
        var cli = project.Cli;
        var bigId = await project.CreateVolumeAsync(OpenStackProject.UniqueName("big"), sizeGb: 2);
        var backup = (await cli.CinderAsync("backup-create", "--name", OpenStackProject.UniqueName("bk"), bigId)).Properties();
        Assert.Equal(bigId, backup["volume_id"]);
        var backupId = backup["id"];
        await project.WaitForBackupAsync(backupId, "available");
        var smallName = OpenStackProject.UniqueName("small");
        var smallId = (await cli.CinderAsync("create", "--name", smallName, "1")).Properties()["id"];
        await project.WaitForVolumeAsync(smallId, "available");

        (await cli.CinderAsync("backup-restore", backupId, "--volume", smallId)).AssertServerFault("ERROR: " + TooSmall, 400);
        (await cli.OpenStackAsync("volume", "backup", "restore", backupId, smallId, "--force")).AssertServerFault(TooSmall, 400);

        Assert.Equal("available", (await cli.OpenStackJsonAsync("volume", "show", smallId)).GetProperty("status").GetString());
        Assert.Equal("available", (await cli.OpenStackJsonAsync("volume", "backup", "show", backupId)).GetProperty("status").GetString());
        Assert.Equal(2, (await cli.OpenStackJsonAsync("volume", "list")).GetArrayLength());
        Assert.Equal(1, (await cli.OpenStackJsonAsync("volume", "show", smallName)).GetProperty("size").GetInt32());
    }
}
