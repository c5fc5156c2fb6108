using System.CommandLine;
using VolumeBackup.Contracts.Policies;

namespace VolumeBackup.Cli.Commands;

internal static class PolicyCreateCommand
{
    public static Command Create(CommandRunner runner, HelpExamples examples)
    {
        var volume = new Option<string>("--volume") { Description = "Id of the volume the policy backs up", Required = true, HelpName = "id" };
        var schedule = new ScheduleOptions();
        var keep = RetentionOptions.All();
        var container = new Option<string?>("--container") { Description = "Object-store container of its backups (default: the service's)" };
        var name = new Option<string?>("--name") { Description = "Name of the policy; its backups are named after it" };
        var force = new Option<bool>("--force") { Description = "Back the volume up even while it is in use" };
        var disabled = new Option<bool>("--disabled") { Description = "Create the policy stopped (no runs until enabled)" };
        var command = new Command("create", "Create a backup policy: a schedule that backs a volume up and prunes old backups")
        {
            volume,
        };
        schedule.AddTo(command);
        foreach (var option in new Option[] { container, name, force, disabled }.Concat(keep.Values))
        {
            command.Options.Add(option);
        }

        examples.Add(
            command,
            "volume-backup policy create --volume 9 --every 6h --keep-last 4",
            "volume-backup policy create --volume 9 --cron '0 2 * * *' --time-zone Europe/Paris --keep-daily 7 --keep-weekly 4 --name nightly",
            "id=$(volume-backup policy create --volume 9 --every 1d --keep-daily 7 -q)");
        runner.Attach(command, async (context, ct) =>
        {
            var parse = context.Parse;
            var request = new PolicyRequest
            {
                VolumeId = parse.GetRequiredValue(volume),
                Name = parse.GetValue(name),
                Container = parse.GetValue(container),
                Schedule = schedule.Read(parse, required: true),
                Force = parse.GetValue(force),
                Retention = RetentionOptions.Read(parse, keep),
                Enabled = !parse.GetValue(disabled),
            };
            var created = await context.Client.Policies.CreateAsync(request, ct);
            context.Output.WritePolicy(created);
            return ExitCodes.Success;
        });
        return command;
    }
}
