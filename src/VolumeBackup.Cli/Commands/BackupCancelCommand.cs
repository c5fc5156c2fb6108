using System.CommandLine;

namespace VolumeBackup.Cli.Commands;

/// <summary><c>backup cancel &lt;id&gt;</c>: stops the backup's creation, a restore from it, or its verification.</summary>
internal static class BackupCancelCommand
{
    public static Command Create(CommandRunner runner, HelpExamples examples)
    {
        var id = new Argument<string>("backup-id") { Description = "Id of the backup whose create, restore or verification to stop" };
        var command = new Command("cancel", "Cancel the create, restore or verification running on a backup") { id };
        examples.Add(command, "volume-backup backup cancel 1", "volume-backup backup cancel 1 --format json");
        runner.Attach(command, async (context, ct) =>
        {
            var backupId = context.Parse.GetRequiredValue(id);
            var result = await context.Client.Backups.CancelAsync(backupId, ct);
            context.Output.WriteCancel(result);
            context.Output.WriteNote($"Cancel of the {result.Operation} of backup {backupId} accepted; it stops at the job's next heartbeat.");
            return ExitCodes.Success;
        });
        return command;
    }
}
