using System.CommandLine;

namespace VolumeBackup.Cli.Commands;

internal static class VolumeDeleteCommand
{
    public static Command Create(CommandRunner runner, HelpExamples examples)
    {
        var id = new Argument<string>("volume-id") { Description = "Id of the volume (must be available or error)" };
        var command = new Command("delete", "Delete a volume") { id };
        examples.Add(command, "volume-backup volume delete 9");
        runner.Attach(command, async (context, ct) =>
        {
            var volumeId = context.Parse.GetRequiredValue(id);
            await context.Client.Volumes.DeleteAsync(volumeId, ct);
            context.Output.WriteNote($"Deletion of volume {volumeId} accepted.");
            return ExitCodes.Success;
        });
        return command;
    }
}
