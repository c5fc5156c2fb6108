using VolumeBackup.Domain.Faults;
using VolumeBackup.Domain.Volumes;

namespace VolumeBackup.UnitTests.Domain;

/// <summary>An attached volume (or one on its way in or out) is not backed up, restored into or deleted.</summary>
public sealed class AttachRulesTests
{
    public static TheoryData<string> AttachStatuses() =>
        [VolumeStatus.Reserved, VolumeStatus.Attaching, VolumeStatus.InUse, VolumeStatus.Detaching];

    [Theory]
    [MemberData(nameof(AttachStatuses))]
    public void An_attached_volume_is_not_backed_up_restored_into_or_deleted(string status)
    {
        Assert.Equal(FaultMessages.VolumeToBackUpMustBeAvailable,
            Assert.Throws<FaultException>(() => VolumeRules.EnsureCanBeBackedUp(status)).Fault.Message);
        Assert.Equal(FaultMessages.VolumeToRestoreToMustBeAvailable,
            Assert.Throws<FaultException>(() => VolumeRules.EnsureCanBeRestoredTo(status, 10, 1)).Fault.Message);
        Assert.Equal(FaultMessages.VolumeStatusMustBeAvailableOrError,
            Assert.Throws<FaultException>(() => VolumeRules.EnsureDeletable(status)).Fault.Message);
        // An in-use volume is backed up only on the Cinder surface, with force and a snapshot (CinderBackupRulesTests).
        Assert.Equal(status == VolumeStatus.InUse, VolumeTransitions.SourcesOf(VolumeStatus.BackingUp).Contains(status));
        Assert.DoesNotContain(status, VolumeTransitions.SourcesOf(VolumeStatus.RestoringBackup));
        Assert.DoesNotContain(status, VolumeTransitions.SourcesOf(VolumeStatus.Deleting));
    }

    [Fact]
    public void Attach_rules_name_the_status_found()
    {
        Assert.Equal("Invalid volume: Volume status must be available to reserve, but the status is in-use.",
            Assert.Throws<FaultException>(() => VolumeRules.EnsureCanBeReserved(VolumeStatus.InUse)).Fault.Message);
        Assert.Equal("Invalid volume: Volume status must be available or attaching to attach, but the status is backing-up.",
            Assert.Throws<FaultException>(() => VolumeRules.EnsureCanBeAttached(VolumeStatus.BackingUp)).Fault.Message);
        Assert.Equal(FaultMessages.VolumeMustBeInUseToDetach,
            Assert.Throws<FaultException>(() => VolumeRules.EnsureCanBeginDetaching(VolumeStatus.Detaching)).Fault.Message);
        Assert.Equal(FaultMessages.VolumeMustBeInUseToDetach,
            Assert.Throws<FaultException>(() => VolumeRules.EnsureCanBeDetached(VolumeStatus.Available)).Fault.Message);
        VolumeRules.EnsureCanBeAttached(VolumeStatus.Attaching);
        VolumeRules.EnsureCanBeDetached(VolumeStatus.Detaching);
    }
}
