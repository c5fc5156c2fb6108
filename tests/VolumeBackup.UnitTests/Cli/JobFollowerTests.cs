using System.CommandLine;
using VolumeBackup.Cli;
using VolumeBackup.Cli.Commands;
using VolumeBackup.Cli.Jobs;
using VolumeBackup.Client.Jobs;
using VolumeBackup.Contracts.Backups;

namespace VolumeBackup.UnitTests.Cli;

public sealed class JobFollowerTests : IDisposable
{
    private readonly TestEnvironment _env = new();

    public void Dispose() => _env.Dispose();

    private CliContext NewContext(params string[] args)
    {
        var options = new GlobalOptions();
        var root = new RootCommand();
        foreach (var option in options.All)
        {
            root.Options.Add(option);
        }

        return new CliContext(root.Parse(args), _env.Environment, options);
    }

    [Fact]
    public async Task A_job_that_outlives_the_timeout_ends_the_wait_with_a_timeout_not_a_cancellation()
    {
        using var context = NewContext();

        var e = await Assert.ThrowsAsync<TimeoutException>(() => JobFollower.FollowAsync(
            context,
            "backup 7",
            TimeSpan.FromMilliseconds(1),
            async (_, ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return new JobOutcome(true, null, null, null);
            },
            TestContext.Current.CancellationToken));

        Assert.Equal("backup 7 did not end within 0.001 s; it goes on in the service.", e.Message);
    }

    [Fact]
    public async Task A_failed_job_ends_the_wait_with_its_fail_reason()
    {
        using var context = NewContext();

        var e = await Assert.ThrowsAsync<JobFailedException>(() => JobFollower.FollowAsync(
            context, "backup 7", null, (_, _) => Task.FromResult(new JobOutcome(false, "disk on fire", null, null)), TestContext.Current.CancellationToken));

        Assert.Equal("backup 7 failed: disk on fire", e.Message);
    }

    [Fact]
    public async Task Without_a_terminal_progress_goes_to_stderr_as_plain_lines_and_stdout_stays_empty()
    {
        using var context = NewContext();
        var snapshot = new JobSnapshot(
            new BackupDetail
            {
                Id = "7", VolumeId = "9", Container = "c", Status = "creating", CreatedAt = DateTimeOffset.UnixEpoch, Size = 1, ObjectCount = 0,
                Progress = new BackupProgress("create", 50, 100, 50),
            },
            null);

        await JobFollower.FollowAsync(
            context,
            "backup 7",
            null,
            (progress, _) =>
            {
                progress.Report(snapshot);
                return Task.FromResult(new JobOutcome(true, null, null, null));
            },
            TestContext.Current.CancellationToken);

        Assert.Equal("backup 7: creating, create 50% (50 B of 100 B)" + Environment.NewLine, _env.Error.ToString());
        Assert.Empty(_env.Out.ToString());
    }

    [Fact]
    public async Task Quiet_mode_reports_no_progress_at_all()
    {
        using var context = NewContext("--quiet");

        await JobFollower.FollowAsync(
            context,
            "backup 7",
            null,
            (progress, _) =>
            {
                progress.Report(new JobSnapshot(null, null));
                return Task.FromResult(new JobOutcome(true, null, null, null));
            },
            TestContext.Current.CancellationToken);

        Assert.Empty(_env.Error.ToString());
        Assert.Empty(_env.Out.ToString());
    }
}
