using System.CommandLine;

namespace VolumeBackup.Cli.Commands;

internal static class VolumeListCommand
{
    public static Command Create(CommandRunner runner, HelpExamples examples)
    {
        var pageSize = new Option<int>("--page-size")
        {
            Description = "Volumes fetched per request (all pages are listed)",
            DefaultValueFactory = _ => 1000,
            CustomParser = OptionParsers.WholeNumber(min: 1, fallback: 1000),
            HelpName = "n",
        };
        var command = new Command("list", "List the tenant's volumes") { pageSize };
        examples.Add(command, "volume-backup volume list", "volume-backup volume list --format json");
        runner.Attach(command, async (context, ct) =>
        {
            var volumes = await context.Client.Volumes.ListAllAsync(context.Parse.GetValue(pageSize), ct).ToListAsync(ct);
            context.Output.WriteVolumes(volumes);
            return ExitCodes.Success;
        });
        return command;
    }
}
