using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Domain.Volumes;

namespace VolumeBackup.UnitTests.Domain;

public sealed class RulesTests
{
    [Theory]
    [InlineData("creating")]
    [InlineData("restoring")]
    [InlineData("deleting")]
    public void Delete_of_a_backup_not_available_or_error_is_rejected_with_badRequest(string status)
    {
        var fault = Assert.Throws<FaultException>(() => BackupRules.EnsureDeletable(status)).Fault;

        Assert.Equal(Fault.BadRequest("Invalid backup: Backup status must be available or error"), fault);
    }

    [Theory]
    [InlineData("available")]
    [InlineData("error")]
    public void Delete_of_an_available_or_error_backup_is_allowed(string status) => BackupRules.EnsureDeletable(status);

    [Fact]
    public void Restore_of_a_backup_that_is_not_available_is_rejected() =>
        Assert.Equal(FaultMessages.BackupStatusMustBeAvailable,
            Assert.Throws<FaultException>(() => BackupRules.EnsureRestorable(BackupStatus.Error)).Fault.Message);

    [Fact]
    public void A_volume_being_backed_up_cannot_be_deleted_or_backed_up_again()
    {
        Assert.Equal(400, Assert.Throws<FaultException>(() => VolumeRules.EnsureDeletable(VolumeStatus.BackingUp)).Fault.Code);
        Assert.Equal(FaultMessages.VolumeToBackUpMustBeAvailable,
            Assert.Throws<FaultException>(() => VolumeRules.EnsureCanBeBackedUp(VolumeStatus.BackingUp)).Fault.Message);
    }

    [Fact]
    public void A_restore_target_must_be_available_and_large_enough()
    {
        Assert.Equal(FaultMessages.VolumeToRestoreToMustBeAvailable,
            Assert.Throws<FaultException>(() => VolumeRules.EnsureCanBeRestoredTo(VolumeStatus.Creating, 10, 1)).Fault.Message);
        Assert.Equal(FaultMessages.VolumeToRestoreToIsTooSmall,
            Assert.Throws<FaultException>(() => VolumeRules.EnsureCanBeRestoredTo(VolumeStatus.Available, 1, 2)).Fault.Message);
        VolumeRules.EnsureCanBeRestoredTo(VolumeStatus.Available, 2, 2);
    }
}
