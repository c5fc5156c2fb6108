using System.CommandLine;
using VolumeBackup.Cli.Jobs;

namespace VolumeBackup.Cli.Commands;

internal static class BackupDeleteCommand
{
    public static Command Create(CommandRunner runner, HelpExamples examples)
    {
        var id = new Argument<string>("backup-id") { Description = "Id of the backup (must be available or error)" };
        var wait = new WaitOptions(includeWaitFlag: true);
        var command = new Command("delete", "Delete a backup and its objects") { id };
        wait.AddTo(command);
        examples.Add(command, "volume-backup backup delete 1", "volume-backup backup delete 1 --wait");
        runner.Attach(command, async (context, ct) =>
        {
            var backupId = context.Parse.GetRequiredValue(id);
            await context.Client.Backups.DeleteAsync(backupId, ct);
            if (!wait.ShouldWait(context.Parse))
            {
                context.Output.WriteNote($"Deletion of backup {backupId} accepted.");
                return ExitCodes.Success;
            }

            await JobFollower.FollowAsync(
                context,
                $"delete of backup {backupId}",
                wait.TimeoutOf(context.Parse),
                (progress, token) => context.Client.Backups.WaitForDeleteAsync(backupId, wait.PollIntervalOf(context.Parse), progress, token),
                ct);
            context.Output.WriteNote($"Backup {backupId} deleted.");
            return ExitCodes.Success;
        });
        return command;
    }
}
