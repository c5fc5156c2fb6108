using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Domain.Volumes;

namespace VolumeBackup.UnitTests.Domain;

/// <summary>The rules only the Cinder surface reaches: in-use volumes, status resets, exports, force deletes.</summary>
public sealed class CinderBackupRulesTests
{
    [Fact]
    public void An_in_use_volume_needs_force_and_then_a_snapshot_while_the_hp_rule_keeps_the_specs_message()
    {
        const string why = "the volume's file system (ext4) cannot make reflink clones (XFS and btrfs can).";
        Assert.Equal("Invalid volume: Backing up an in-use volume must use the force flag.",
            Assert.Throws<FaultException>(() => VolumeRules.EnsureCanBeBackedUp(VolumeStatus.InUse, force: false, null)).Fault.Message);
        Assert.Equal(
            "Invalid volume: Backing up an in-use volume needs a snapshot of it, and none can be taken: the volume's file system " +
            "(ext4) cannot make reflink clones (XFS and btrfs can). Detach the volume to back it up while it is available.",
            Assert.Throws<FaultException>(() => VolumeRules.EnsureCanBeBackedUp(VolumeStatus.InUse, force: true, why)).Fault.Message);
        Assert.Equal("Invalid volume: Volume to be backed up must be available or in-use, but the current status is \"error\".",
            Assert.Throws<FaultException>(() => VolumeRules.EnsureCanBeBackedUp(VolumeStatus.Error, force: true, null)).Fault.Message);
        Assert.Equal(FaultMessages.VolumeToBackUpMustBeAvailable,
            Assert.Throws<FaultException>(() => VolumeRules.EnsureCanBeBackedUp(VolumeStatus.InUse)).Fault.Message);
        VolumeRules.EnsureCanBeBackedUp(VolumeStatus.Available, force: true, why);
        VolumeRules.EnsureCanBeBackedUp(VolumeStatus.InUse, force: true, whyNoSnapshot: null); // a snapshot can be taken
    }

    [Theory]
    [InlineData("available", "available")]
    [InlineData("ERROR", "error")]
    [InlineData("Available", "available")]
    public void A_reset_goes_to_available_or_error_in_any_letter_case(string asked, string stored) =>
        Assert.Equal(stored, BackupRules.ResetStatusTarget(asked));

    [Theory]
    [InlineData("creating")]
    [InlineData("deleting")]
    [InlineData("")]
    public void A_reset_to_anything_else_is_cinders_400(string asked) =>
        Assert.Equal(Fault.BadRequest($"Backup status: {asked} is invalid, valid statuses are: ['available', 'error']."),
            Assert.Throws<FaultException>(() => BackupRules.ResetStatusTarget(asked)).Fault);

    [Fact]
    public void Only_available_backups_are_exported_and_force_delete_starts_from_all_but_deleting()
    {
        BackupRules.EnsureExportable(BackupStatus.Available);
        Assert.Equal("Invalid backup: Backup status must be available and not restoring.",
            Assert.Throws<FaultException>(() => BackupRules.EnsureExportable(BackupStatus.Restoring)).Fault.Message);
        Assert.Equal(BackupStatus.All.Where(s => s != BackupStatus.Deleting).Order(StringComparer.Ordinal),
            BackupTransitions.ForceDeleteSources.Order(StringComparer.Ordinal));
    }
}
