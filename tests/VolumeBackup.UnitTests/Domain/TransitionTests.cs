using VolumeBackup.Domain.Backups;
using VolumeBackup.Domain.Volumes;

namespace VolumeBackup.UnitTests.Domain;

public sealed class TransitionTests
{
    [Theory]
    [InlineData("creating", "available")]
    [InlineData("creating", "error")]
    [InlineData("available", "restoring")]
    [InlineData("restoring", "available")]
    [InlineData("restoring", "error")]
    [InlineData("available", "deleting")]
    [InlineData("error", "deleting")]
    public void A_backup_may_move_along_the_specs_lifecycle(string from, string to) =>
        Assert.True(BackupTransitions.IsAllowed(from, to));

    [Theory]
    [InlineData("creating", "deleting")]
    [InlineData("creating", "restoring")]
    [InlineData("restoring", "deleting")]
    [InlineData("deleting", "available")]
    [InlineData("error", "available")]
    [InlineData("unknown", "available")]
    public void A_backup_may_not_skip_or_reverse_its_lifecycle(string from, string to) =>
        Assert.False(BackupTransitions.IsAllowed(from, to));

    [Theory]
    [InlineData("creating", "available", true)]
    [InlineData("available", "backing-up", true)]
    [InlineData("backing-up", "available", true)]
    [InlineData("available", "restoring-backup", true)]
    [InlineData("restoring-backup", "error_restoring", true)]
    [InlineData("restoring-backup", "available", true)]
    [InlineData("backing-up", "deleting", false)]
    [InlineData("creating", "deleting", false)]
    [InlineData("restoring-backup", "deleting", false)]
    [InlineData("available", "attaching", true)]
    [InlineData("attaching", "available", true)]
    [InlineData("attaching", "in-use", true)]
    [InlineData("available", "in-use", true)]
    [InlineData("in-use", "detaching", true)]
    [InlineData("detaching", "in-use", true)]
    [InlineData("detaching", "available", true)]
    [InlineData("in-use", "available", true)]
    [InlineData("in-use", "backing-up", true)]
    [InlineData("backing-up", "detaching", false)]
    [InlineData("in-use", "restoring-backup", false)]
    [InlineData("in-use", "deleting", false)]
    [InlineData("detaching", "deleting", false)]
    [InlineData("attaching", "backing-up", false)]
    [InlineData("backing-up", "in-use", true)]
    public void Volume_transitions_follow_the_table(string from, string to, bool allowed) =>
        Assert.Equal(allowed, VolumeTransitions.IsAllowed(from, to));

    [Fact]
    public void The_sources_of_deleting_are_available_and_error() =>
        Assert.Equal(["available", "error"], BackupTransitions.SourcesOf(BackupStatus.Deleting).Order(StringComparer.Ordinal));
}
