using System.CommandLine;
using VolumeBackup.Contracts.Volumes;

namespace VolumeBackup.Cli.Commands;

internal static class VolumeCreateCommand
{
    public static Command Create(CommandRunner runner, HelpExamples examples)
    {
        var name = new Argument<string?>("name") { Description = "Display name of the new volume", Arity = ArgumentArity.ZeroOrOne };
        var size = new Option<int>("--size") { Description = "Size in GB", Required = true, HelpName = "gb" };
        size.CustomParser = OptionParsers.WholeNumber(min: 1, fallback: 0);
        var description = new Option<string?>("--description") { Description = "Display description" };
        var zone = new Option<string?>("--availability-zone") { Description = "Availability zone", HelpName = "zone" };
        var properties = new Option<string[]>("--property")
        {
            Description = "Metadata as key=value (repeat for more)",
            HelpName = "key=value",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("create", "Create a volume") { name, size, description, zone, properties };
        properties.Validators.Add(result =>
        {
            foreach (var p in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (p.IndexOf('=', StringComparison.Ordinal) < 1)
                {
                    result.AddError($"--property '{p}' is not key=value.");
                }
            }
        });
        examples.Add(
            command,
            "volume-backup volume create --size 10 data-01",
            "volume-backup volume create --size 1 --description scratch --property team=db -q");
        runner.Attach(command, async (context, ct) =>
        {
            var parse = context.Parse;
            var metadata = (parse.GetValue(properties) ?? [])
                .Select(p => p.Split('=', 2))
                .GroupBy(kv => kv[0], StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal);
            var request = new CreateVolumeRequest(
                parse.GetValue(size), parse.GetValue(name), parse.GetValue(description), parse.GetValue(zone), metadata.Count == 0 ? null : metadata);
            var volume = await context.Client.Volumes.CreateAsync(request, ct);
            context.Output.WriteVolume(volume);
            return ExitCodes.Success;
        });
        return command;
    }
}
