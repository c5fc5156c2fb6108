using System.CommandLine;

namespace VolumeBackup.Cli.Commands;

internal static class BackupListCommand
{
    public static Command Create(CommandRunner runner, HelpExamples examples)
    {
        var pageSize = new Option<int>("--page-size")
        {
            Description = "Backups fetched per request (all pages are listed)",
            DefaultValueFactory = _ => 1000,
            CustomParser = OptionParsers.WholeNumber(min: 1, fallback: 1000),
            HelpName = "n",
        };
        var command = new Command("list", "List the tenant's backups with their details") { pageSize };
        examples.Add(
            command,
            "volume-backup backup list",
            "volume-backup backup list --format json | jq -r '.[] | select(.status == \"error\") | .id'");
        runner.Attach(command, async (context, ct) =>
        {
            var backups = await context.Client.Backups.ListAllDetailAsync(context.Parse.GetValue(pageSize), ct).ToListAsync(ct);
            context.Output.WriteBackups(backups);
            return ExitCodes.Success;
        });
        return command;
    }
}
