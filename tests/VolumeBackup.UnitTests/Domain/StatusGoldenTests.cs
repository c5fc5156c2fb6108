using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;
using VolumeBackup.Persistence.Jobs;

namespace VolumeBackup.UnitTests.Domain;

/// <summary>These strings are stored in databases and shown to clients: they only ever grow, never change.</summary>
public sealed class StatusGoldenTests
{
    [Fact]
    public void Volume_statuses_are_frozen() => Assert.Equal(
        ["creating", "available", "backing-up", "restoring-backup", "error_restoring", "deleting", "error", "reserved", "attaching", "in-use", "detaching"],
        VolumeStatus.All);

    [Fact]
    public void Backup_statuses_are_frozen() => Assert.Equal(
        ["creating", "available", "restoring", "deleting", "error"], BackupStatus.All);

    [Fact]
    public void Job_kinds_and_states_are_frozen()
    {
        Assert.Equal(["create_backup", "restore_backup", "delete_backup"], [JobKind.CreateBackup, JobKind.RestoreBackup, JobKind.DeleteBackup]);
        Assert.Equal(
            ["queued", "running", "done", "failed", "cancelled"],
            [JobState.Queued, JobState.Running, JobState.Done, JobState.Failed, JobState.Cancelled]);
        Assert.Equal("""{"create_volume":true}""", JobPayload.CreateVolume);
    }
}
