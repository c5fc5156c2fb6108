using System.CommandLine;

namespace VolumeBackup.Cli.Commands;

internal static class PolicyDeleteCommand
{
    public static Command Create(CommandRunner runner, HelpExamples examples)
    {
        var id = new Argument<string>("policy-id") { Description = "Id of the policy (the backups it made stay)" };
        var command = new Command("delete", "Delete a backup policy") { id };
        examples.Add(command, "volume-backup policy delete 1");
        runner.Attach(command, async (context, ct) =>
        {
            var policyId = context.Parse.GetRequiredValue(id);
            await context.Client.Policies.DeleteAsync(policyId, ct);
            context.Output.WriteNote($"Policy {policyId} deleted.");
            return ExitCodes.Success;
        });
        return command;
    }
}
