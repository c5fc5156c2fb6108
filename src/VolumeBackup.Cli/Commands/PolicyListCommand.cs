using System.CommandLine;

namespace VolumeBackup.Cli.Commands;

internal static class PolicyListCommand
{
    public static Command Create(CommandRunner runner, HelpExamples examples)
    {
        var volume = new Option<string?>("--volume") { Description = "Only the policies of this volume", HelpName = "id" };
        var command = new Command("list", "List the tenant's backup policies") { volume };
        examples.Add(command, "volume-backup policy list", "volume-backup policy list --volume 9 --format json");
        runner.Attach(command, async (context, ct) =>
        {
            var policies = await context.Client.Policies.ListAsync(context.Parse.GetValue(volume), ct);
            context.Output.WritePolicies(policies);
            return ExitCodes.Success;
        });
        return command;
    }
}
