using VolumeBackup.Contracts.Backups;
using VolumeBackup.DataPath;
using VolumeBackup.Domain.Backups;
using VolumeBackup.Server.Operations.Backups;

namespace VolumeBackup.UnitTests.Server.Backups;

public sealed class VerificationReportsTests
{
    [Fact]
    public void A_report_keeps_at_most_a_hundred_damaged_blocks_and_missing_objects_and_says_it_was_cut()
    {
        var result = Result(damaged: 250, missing: 101);

        var report = VerificationReports.From(result);

        Assert.Equal(VerificationReport.ListLimit, report.DamagedBlocks.Count);
        Assert.Equal(new DamagedBlockView(0, 0, DamageReasons.MissingObject), report.DamagedBlocks[0]);
        Assert.Equal(99, report.DamagedBlocks[^1].Block); // the first hundred, in volume order
        Assert.Equal(VerificationReport.ListLimit, report.MissingObjects.Count);
        Assert.True(report.Truncated);
        Assert.InRange(VerificationReports.Serialize(report).Length, 1, 64 * 1024);
    }

    [Theory]
    [InlineData(100, 0, false)]
    [InlineData(101, 0, true)]
    [InlineData(0, 100, false)]
    [InlineData(0, 101, true)]
    public void Truncated_is_set_only_when_a_list_was_cut(int damaged, int missing, bool truncated)
    {
        var report = VerificationReports.From(Result(damaged, missing));

        Assert.Equal(truncated, report.Truncated);
        Assert.Equal(Math.Min(damaged, 100), report.DamagedBlocks.Count);
    }

    [Fact]
    public void The_view_reads_the_stored_report_back_and_shows_none_for_a_backup_never_verified()
    {
        var backup = new Backup { TenantId = "t", Container = "c", Status = BackupStatus.Available };
        var never = VerificationReports.ToView(backup);
        Assert.Equal((BackupVerification.Unverified, (DateTimeOffset?)null, 0L, 0, 0), (never.Status, never.VerifiedAt, never.BlocksChecked, never.DamagedBlocks.Count, never.MissingObjects.Count));

        backup.Verification = BackupVerification.Damaged;
        backup.VerifiedAt = DateTimeOffset.UnixEpoch;
        backup.VerificationReport = VerificationReports.Serialize(VerificationReports.From(Result(3, 1)));
        var view = VerificationReports.ToView(backup);

        Assert.Equal(BackupVerification.Damaged, view.Status);
        Assert.Equal(7, view.BlocksChecked);
        Assert.Equal([0L, 1, 2], view.DamagedBlocks.Select(d => d.Offset / 65536));
        Assert.Equal(["packs/00/0"], view.MissingObjects);
    }

    private static VerifyResult Result(int damaged, int missing) => new()
    {
        BackupId = "1",
        VolumeSize = 1L << 30,
        BlocksChecked = 7,
        BytesChecked = 7 * 65536,
        DamagedBlockCount = damaged,
        DamagedBlocks = [.. Enumerable.Range(0, damaged).Select(i => new DamagedBlock(i, i * 65536L, DamageReasons.MissingObject))],
        MissingObjects = [.. Enumerable.Range(0, missing).Select(i => $"packs/00/{i}")],
    };
}
