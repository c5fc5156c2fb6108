using VolumeBackup.Cli.Jobs;
using VolumeBackup.Client.Jobs;
using VolumeBackup.Contracts.Backups;

namespace VolumeBackup.UnitTests.Cli;

public sealed class ProgressLinesTests
{
    private static JobSnapshot Snapshot(string status, double? percent) => new(
        new BackupDetail
        {
            Id = "1",
            VolumeId = "9",
            Container = "c",
            Status = status,
            CreatedAt = DateTimeOffset.UnixEpoch,
            Size = 1,
            ObjectCount = 0,
            Progress = percent is { } p ? new BackupProgress("create", (long)(p * 10), 1000, p) : null,
        },
        null);

    [Fact]
    public void A_line_is_written_per_status_change_and_per_tenth_of_the_bytes_never_for_repeats()
    {
        var error = new StringWriter();
        var lines = new ProgressLines(error, "backup 1");

        foreach (var snapshot in new[]
                 {
                     Snapshot("creating", null), Snapshot("creating", 3), Snapshot("creating", 9), Snapshot("creating", 12),
                     Snapshot("creating", 15), Snapshot("creating", 31), Snapshot("available", null),
                 })
        {
            lines.Report(snapshot);
        }

        Assert.Equal(
            [
                "backup 1: creating",
                "backup 1: creating, create 3% (30 B of 1000 B)",
                "backup 1: creating, create 12% (120 B of 1000 B)",
                "backup 1: creating, create 31% (310 B of 1000 B)",
                "backup 1: available",
            ],
            error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }
}
