using System.CommandLine;

namespace VolumeBackup.Cli.Commands;

internal static class VolumeShowCommand
{
    public static Command Create(CommandRunner runner, HelpExamples examples)
    {
        var id = new Argument<string>("volume-id") { Description = "Id of the volume" };
        var command = new Command("show", "Show one volume") { id };
        examples.Add(command, "volume-backup volume show 9", "volume-backup volume show 9 --format json");
        runner.Attach(command, async (context, ct) =>
        {
            var volume = await context.Client.Volumes.GetAsync(context.Parse.GetRequiredValue(id), ct);
            context.Output.WriteVolume(volume);
            return ExitCodes.Success;
        });
        return command;
    }
}
