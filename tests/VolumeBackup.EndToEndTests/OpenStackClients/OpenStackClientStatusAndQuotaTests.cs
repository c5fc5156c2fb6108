using VolumeBackup.Domain.Faults;
using VolumeBackup.Testing.DataPath;

namespace VolumeBackup.EndToEndTests.OpenStackClients;

/// <summary>
/// The status rules and quotas as the clients show them, on a server whose jobs move 64 KiB/s: a backup of a few MiB
/// holds its volume in <c>backing-up</c> and itself in <c>creating</c> long enough for every refused command below.
/// </summary>
[Collection(SlowOpenStackServerGroup.Name)]
public sealed class OpenStackClientStatusAndQuotaTests(SlowSmallQuotaOpenStackServer server)
{
    [Fact]
    public async Task While_a_backup_runs_both_clients_show_why_its_volume_and_the_backup_cannot_be_used()
    {
        var project = server.NewProject();
        var cli = project.Cli;
        var volumeName = OpenStackProject.UniqueName("busy");
        var volumeId = await project.CreateVolumeAsync(volumeName);
        var empty = (await cli.OpenStackJsonAsync("volume", "backup", "create", volumeId)).GetProperty("id").GetString()!;
        await project.WaitForBackupAsync(empty, "available"); // an empty volume: almost nothing to move
        await project.WaitForVolumeAsync(volumeId, "available");

        // 16 MiB of incompressible bytes at 64 KiB/s: over 4 minutes of backing up, far more than the commands below
        // take even on a loaded machine (about 2 minutes measured during a whole-suite run). The test does not wait for it.
        new VolumeFile(await project.DevicePathAsync(volumeName)).Write(0, VolumeFile.RandomBytes(16 << 20, seed: 101));
        var running = (await cli.OpenStackJsonAsync("volume", "backup", "create", volumeId)).GetProperty("id").GetString()!;

        var oscDelete = await cli.OpenStackAsync("volume", "backup", "delete", running);
        oscDelete.AssertServerFault($"Failed to delete backup with name or ID '{running}': {FaultMessages.BackupStatusMustBeAvailableOrError}", 400);
        oscDelete.AssertFailedWith("1 of 1 backups failed to delete.");
        var cinderDelete = await cli.CinderAsync("backup-delete", running);
        cinderDelete.AssertServerFaultOnStdout($"Delete for backup {running} failed: {FaultMessages.BackupStatusMustBeAvailableOrError}", 400);
        cinderDelete.AssertFailedWith("ERROR: Unable to delete any of the specified backups.");

        (await cli.CinderAsync("backup-create", volumeId)).AssertServerFault("ERROR: " + FaultMessages.VolumeToBackUpMustBeAvailable, 400);
        (await cli.OpenStackAsync("volume", "backup", "create", volumeId)).AssertServerFault(FaultMessages.VolumeToBackUpMustBeAvailable, 400);

        (await cli.CinderAsync("backup-restore", empty, "--volume", volumeId)).AssertServerFault("ERROR: " + FaultMessages.VolumeToRestoreToMustBeAvailable, 400);
        (await cli.OpenStackAsync("volume", "backup", "restore", empty, volumeId, "--force")).AssertServerFault(FaultMessages.VolumeToRestoreToMustBeAvailable, 400);

        // A backup still being made cannot be restored, and the refused restore leaves no new volume behind.
        (await cli.CinderAsync("backup-restore", running)).AssertServerFault("ERROR: " + FaultMessages.BackupStatusMustBeAvailable, 400);
        Assert.Equal(1, (await cli.OpenStackJsonAsync("volume", "list")).GetArrayLength());

        // Everything above was refused while the backup ran (else the throttle was too fast for this machine).
        Assert.Equal("creating", (await cli.OpenStackJsonAsync("volume", "backup", "show", running)).GetProperty("status").GetString());
        Assert.Equal("backing-up", (await cli.OpenStackJsonAsync("volume", "show", volumeId)).GetProperty("status").GetString());
        Assert.Equal("available", (await cli.OpenStackJsonAsync("volume", "backup", "show", empty)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Volumes_and_restores_beyond_the_quota_show_the_servers_message_in_both_clients()
    {
        var project = server.NewProject();
        var cli = project.Cli;
        var tooBig = SlowSmallQuotaOpenStackServer.QuotaGigabytes + 1;
        var size = tooBig.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // Cinder's 413 overLimit, with the same message the HP surface gives with its 400.
        AssertQuotaFault(await cli.CinderAsync("create", size), "ERROR: " + FaultMessages.VolumeQuotaExceeded(tooBig));
        AssertQuotaFault(await cli.OpenStackAsync("volume", "create", "--size", size, OpenStackProject.UniqueName("huge")), FaultMessages.VolumeQuotaExceeded(tooBig));

        // 2 GB used; a restore into a new 2 GB volume would make 4 of 3.
        var volumeId = await project.CreateVolumeAsync(OpenStackProject.UniqueName("half"), sizeGb: 2);
        var backupId = (await cli.OpenStackJsonAsync("volume", "backup", "create", volumeId)).GetProperty("id").GetString()!;
        await project.WaitForBackupAsync(backupId, "available");

        AssertQuotaFault(await cli.CinderAsync("backup-restore", backupId), "ERROR: " + FaultMessages.VolumeQuotaExceeded(2));
        AssertQuotaFault(await cli.OpenStackAsync("volume", "backup", "restore", backupId, OpenStackProject.UniqueName("over")), FaultMessages.VolumeQuotaExceeded(2));

        var volumes = await cli.OpenStackJsonAsync("volume", "list");
        Assert.Equal(volumeId, Assert.Single(volumes.EnumerateArray()).GetProperty("ID").GetString());
        Assert.Equal("available", (await cli.OpenStackJsonAsync("volume", "backup", "show", backupId)).GetProperty("status").GetString());
    }

    private static void AssertQuotaFault(Testing.OpenStack.CliRun run, string message)
    {
        run.AssertFailedWith(message);
        Assert.Contains("(HTTP 413)", run.Stderr, StringComparison.Ordinal);
    }
}
