using System.CommandLine;
using VolumeBackup.Contracts.Policies;

namespace VolumeBackup.Cli.Commands;

internal static class PolicyCreateCommand
{
    public static Command Create(CommandRunner runner, HelpExamples examples)
    {
        var volume = new Option<string>("--volume") { Description = "Id of the volume the policy backs up", Required = true, HelpName = "id" };
        var every = new Option<long?>("--every")
        {
            Description = "Back up at this interval: 90s, 15m, 6h, 1d (or use --cron)",
            CustomParser = DurationParser.Option(),
            HelpName = "duration",
        };
        var cron = new Option<string?>("--cron") { Description = "Back up on a five-field cron expression, such as '0 2 * * *'", HelpName = "expr" };
        var timeZone = new Option<string?>("--time-zone") { Description = "IANA time zone of --cron (default UTC)", HelpName = "zone" };
        var keep = RetentionOptions.All();
        var container = new Option<string?>("--container") { Description = "Object-store container of its backups (default: the service's)" };
        var name = new Option<string?>("--name") { Description = "Name of the policy; its backups are named after it" };
        var force = new Option<bool>("--force") { Description = "Back the volume up even while it is in use" };
        var disabled = new Option<bool>("--disabled") { Description = "Create the policy stopped (no runs until enabled)" };
        var command = new Command("create", "Create a backup policy: a schedule that backs a volume up and prunes old backups")
        {
            volume, every, cron, timeZone, container, name, force, disabled,
        };
        foreach (var option in keep.Values)
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
            var interval = parse.GetValue(every);
            var expression = parse.GetValue(cron);
            if ((interval is null) == (expression is null))
            {
                throw new UsageException("Give exactly one of --every or --cron.");
            }

            var zone = parse.GetValue(timeZone);
            if (zone is not null && expression is null)
            {
                throw new UsageException("--time-zone applies to --cron only.");
            }

            var request = new PolicyRequest
            {
                VolumeId = parse.GetRequiredValue(volume),
                Name = parse.GetValue(name),
                Container = parse.GetValue(container),
                Schedule = new PolicyScheduleView { IntervalSeconds = interval, Cron = expression, TimeZone = zone },
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
