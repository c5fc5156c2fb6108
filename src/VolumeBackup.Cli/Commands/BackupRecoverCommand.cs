using System.CommandLine;

namespace VolumeBackup.Cli.Commands;

/// <summary><c>backup recover --container X</c> (admin): the container's backups become rows again after a database loss.</summary>
internal static class BackupRecoverCommand
{
    public static Command Create(CommandRunner runner, HelpExamples examples)
    {
        var container = new Option<string>("--container") { Description = "Container whose backups to recover", Required = true };
        var command = new Command("recover", "Admin: list again every backup of a container the database lost") { container };
        examples.Add(command, "volume-backup backup recover --container backups", "volume-backup backup recover --container backups --format json");
        runner.Attach(command, async (context, ct) =>
        {
            var result = await context.Client.Backups.RecoverAsync(context.Parse.GetRequiredValue(container), ct);
            context.Output.WriteRecover(result);
            return ExitCodes.Success;
        });
        return command;
    }
}
