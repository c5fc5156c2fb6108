using System.CommandLine;
using VolumeBackup.Cli.Jobs;

namespace VolumeBackup.Cli.Commands;

internal static class BackupWaitCommand
{
    public static Command Create(CommandRunner runner, HelpExamples examples)
    {
        var id = new Argument<string>("backup-id") { Description = "Id of the backup whose job to follow" };
        var wait = new WaitOptions(includeWaitFlag: false);
        var command = new Command(
            "wait",
            "Follow the job running on a backup (create, restore or delete) to its end; exit 4 with the fail_reason if it fails")
        {
            id,
        };
        wait.AddTo(command);
        examples.Add(command, "volume-backup backup wait 1", "volume-backup backup wait 1 --timeout 600 && echo done");
        runner.Attach(command, async (context, ct) =>
        {
            var backupId = context.Parse.GetRequiredValue(id);
            var outcome = await JobFollower.FollowAsync(
                context,
                $"backup {backupId}",
                wait.TimeoutOf(context.Parse),
                (progress, token) => context.Client.Backups.WaitAsync(backupId, wait.PollIntervalOf(context.Parse), progress, token),
                ct);
            if (outcome.Backup is { } backup)
            {
                context.Output.WriteBackup(backup);
            }
            else
            {
                context.Output.WriteNote($"Backup {backupId} deleted.");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
