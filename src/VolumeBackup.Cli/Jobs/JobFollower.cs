using System.Globalization;
using Spectre.Console;
using VolumeBackup.Cli.Commands;
using VolumeBackup.Client.Jobs;

namespace VolumeBackup.Cli.Jobs;

/// <summary>
/// Follows a job: a live progress bar (bytes, rate, ETA from the backup's <c>progress</c>) on an interactive terminal,
/// plain lines on stderr otherwise, nothing with <c>--quiet</c>. A failed job becomes <see cref="JobFailedException"/>
/// and a spent <c>--timeout</c> a <see cref="TimeoutException"/>; the job itself goes on in the service either way.
/// </summary>
internal static class JobFollower
{
    /// <summary>Sizes in the API are GB of 2^30 bytes: a 1 GB volume is a 1 GiB device.</summary>
    private const long BytesPerGb = 1L << 30;

    public static async Task<JobOutcome> FollowAsync(
        CliContext context,
        string title,
        TimeSpan? timeout,
        Func<IProgress<JobSnapshot>, CancellationToken, Task<JobOutcome>> wait,
        CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (timeout is { } limit)
        {
            deadline.CancelAfter(limit);
        }

        JobOutcome outcome;
        try
        {
            if (context.Output.IsQuiet)
            {
                outcome = await wait(SnapshotSink.Ignore, deadline.Token);
            }
            else if (context.Environment.OutputIsTerminal && context.Console.Profile.Capabilities.Interactive)
            {
                outcome = await FollowWithBarAsync(context.Console, title, wait, deadline.Token);
            }
            else
            {
                var lines = new ProgressLines(context.Environment.Error, title);
                outcome = await wait(new SnapshotSink(lines.Report), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            var seconds = timeout!.Value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            throw new TimeoutException($"{title} did not end within {seconds} s; it goes on in the service.");
        }

        if (!outcome.Succeeded)
        {
            throw new JobFailedException($"{title} failed: {outcome.FailReason}");
        }

        return outcome;
    }

    /// <summary>The title goes on its own line above the bar, which keeps its width for bytes, rate and ETA.</summary>
    private static Task<JobOutcome> FollowWithBarAsync(
        IAnsiConsole console,
        string title,
        Func<IProgress<JobSnapshot>, CancellationToken, Task<JobOutcome>> wait,
        CancellationToken ct)
    {
        console.Write(new Text(title + Environment.NewLine));
        return console.Progress()
            .AutoClear(false)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn { Width = 24 },
                new PercentageColumn(),
                new DownloadedColumn(),
                new TransferSpeedColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("starting", maxValue: 1);
                task.IsIndeterminate = true;
                var outcome = await wait(new SnapshotSink(s => Update(task, s)), ct);
                if (outcome.Succeeded)
                {
                    task.IsIndeterminate = false;
                    task.Value = task.MaxValue;
                }

                task.StopTask();
                return outcome;
            });
    }

    private static void Update(ProgressTask task, JobSnapshot snapshot)
    {
        task.Description = Markup.Escape(snapshot.Backup?.Status ?? "gone");
        if (snapshot.Backup?.Progress is { BytesTotal: > 0 } p)
        {
            task.IsIndeterminate = false;
            task.MaxValue = p.BytesTotal;
            task.Value = Math.Min(p.BytesDone, p.BytesTotal);
        }
        else if (task.IsIndeterminate && snapshot.Backup is { Size: > 0, Status: KnownStatuses.Creating or KnownStatuses.Restoring or KnownStatuses.Available } b)
        {
            // No progress saved yet (or the job ended before the first poll): the total is still the volume's size.
            task.MaxValue = b.Size * BytesPerGb;
        }
    }
}
