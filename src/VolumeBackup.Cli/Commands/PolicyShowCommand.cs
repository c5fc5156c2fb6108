using System.CommandLine;

namespace VolumeBackup.Cli.Commands;

internal static class PolicyShowCommand
{
    public static Command Create(CommandRunner runner, HelpExamples examples)
    {
        var id = new Argument<string>("policy-id") { Description = "Id of the policy" };
        var command = new Command("show", "Show one backup policy, with its next and last run") { id };
        examples.Add(command, "volume-backup policy show 1", "volume-backup policy show 1 --format json");
        runner.Attach(command, async (context, ct) =>
        {
            var policy = await context.Client.Policies.GetAsync(context.Parse.GetRequiredValue(id), ct);
            context.Output.WritePolicy(policy);
            return ExitCodes.Success;
        });
        return command;
    }
}
