using System.CommandLine;

namespace VolumeBackup.Cli.Commands;

internal static class BackupVerifyCommand
{
    public static Command Create(CommandRunner runner, HelpExamples examples)
    {
        var backupId = new Argument<string>("backup-id") { Description = "Id of the backup to verify (must be available)" };
        var wait = new WaitOptions(includeWaitFlag: true);
        var command = new Command(
            "verify", "Read back every object of a backup and check every block's hash; --wait prints the verdict (exit 6 when damaged)")
        {
            backupId,
        };
        wait.AddTo(command);
        examples.Add(
            command,
            "volume-backup backup verify 1",
            "volume-backup backup verify 1 --wait",
            "volume-backup backup verify 1 --wait --format json");
        runner.Attach(command, async (context, ct) =>
        {
            var parse = context.Parse;
            var id = parse.GetRequiredValue(backupId);
            var before = wait.ShouldWait(parse) ? await context.Client.Backups.GetAsync(id, ct) : null;
            var accepted = await context.Client.Backups.VerifyAsync(id, ct);
            if (before is null)
            {
                context.Output.WriteVerifyAccepted(accepted);
                return ExitCodes.Success;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (wait.TimeoutOf(parse) is { } limit)
            {
                timeout.CancelAfter(limit);
            }

            Contracts.Backups.BackupDetail backup;
            try
            {
                backup = await context.Client.Backups.WaitForVerifyAsync(
                    accepted.BackupId, before.Verification?.VerifiedAt, wait.PollIntervalOf(parse), null, timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                throw new TimeoutException($"the verification of backup {accepted.BackupId} did not end within --timeout");
            }
            catch (InvalidOperationException e)
            {
                throw new JobFailedException(e.Message, e);
            }

            context.Output.WriteBackup(backup);
            return backup.Verification?.Status == "damaged" ? ExitCodes.Damaged : ExitCodes.Success;
        });
        return command;
    }
}
