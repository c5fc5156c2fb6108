using System.CommandLine;

namespace VolumeBackup.Cli.Commands;

internal static class BackupShowCommand
{
    public static Command Create(CommandRunner runner, HelpExamples examples)
    {
        var id = new Argument<string>("backup-id") { Description = "Id of the backup" };
        var command = new Command("show", "Show one backup, with its progress while a job runs") { id };
        examples.Add(command, "volume-backup backup show 1", "volume-backup backup show 1 --format json");
        runner.Attach(command, async (context, ct) =>
        {
            var backup = await context.Client.Backups.GetAsync(context.Parse.GetRequiredValue(id), ct);
            context.Output.WriteBackup(backup);
            return ExitCodes.Success;
        });
        return command;
    }
}
