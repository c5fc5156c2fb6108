using System.CommandLine;
using VolumeBackup.Contracts.Policies;

namespace VolumeBackup.Cli.Commands;

/// <summary>
/// <c>policy update</c>: changes only what is given. A new schedule restarts from now (the server's rule); a
/// <c>--keep-*</c> option changes that one count and keeps the others, so the command reads the policy first and
/// sends its whole retention with the given counts replaced.
/// </summary>
internal static class PolicyUpdateCommand
{
    public static Command Create(CommandRunner runner, HelpExamples examples)
    {
        var id = new Argument<string>("policy-id") { Description = "Id of the policy" };
        var schedule = new ScheduleOptions();
        var keep = RetentionOptions.All();
        var container = new Option<string?>("--container") { Description = "Object-store container of its next backups" };
        var name = new Option<string?>("--name") { Description = "New name of the policy" };
        var force = new Option<bool>("--force") { Description = "Back the volume up even while it is in use" };
        var noForce = new Option<bool>("--no-force") { Description = "Skip a run while the volume is in use" };
        var enable = new Option<bool>("--enable") { Description = "Start the policy (its schedule restarts from now)" };
        var disable = new Option<bool>("--disable") { Description = "Stop the policy: no runs until enabled" };
        var command = new Command("update", "Change a backup policy: only the options given change")
        {
            id,
        };
        schedule.AddTo(command);
        foreach (var option in new Option[] { container, name, force, noForce, enable, disable }.Concat(keep.Values))
        {
            command.Options.Add(option);
        }

        examples.Add(
            command,
            "volume-backup policy update 1 --keep-weekly 8",
            "volume-backup policy update 1 --cron '30 1 * * *' --time-zone Europe/Paris",
            "volume-backup policy update 1 --disable --format json");
        runner.Attach(command, async (context, ct) =>
        {
            var parse = context.Parse;
            var policyId = parse.GetRequiredValue(id);
            var change = new PolicyRequest
            {
                Name = parse.GetValue(name),
                Container = parse.GetValue(container),
                Schedule = schedule.Read(parse, required: false),
                Force = Flag(parse, force, noForce),
                Enabled = Flag(parse, enable, disable),
            };
            var givenCounts = keep.Where(k => parse.GetResult(k.Value) is { Implicit: false }).ToList();
            if (givenCounts.Count > 0)
            {
                var current = await context.Client.Policies.GetAsync(policyId, ct);
                change = change with { Retention = Merge(current.Retention, RetentionOptions.Read(parse, keep), givenCounts.Select(k => k.Key)) };
            }

            if (change == new PolicyRequest())
            {
                throw new UsageException("Nothing to change: give at least one option.");
            }

            var updated = await context.Client.Policies.UpdateAsync(policyId, change, ct);
            context.Output.WritePolicy(updated);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>True, false or (neither flag given) unchanged; both at once is a usage error.</summary>
    private static bool? Flag(ParseResult parse, Option<bool> on, Option<bool> off) => (parse.GetValue(on), parse.GetValue(off)) switch
    {
        (true, true) => throw new UsageException($"Give at most one of {on.Name} or {off.Name}."),
        (true, false) => true,
        (false, true) => false,
        _ => null,
    };

    private static PolicyRetentionView Merge(PolicyRetentionView current, PolicyRetentionView given, IEnumerable<string> keys)
    {
        var merged = current;
        foreach (var key in keys)
        {
            merged = key switch
            {
                "last" => merged with { KeepLast = given.KeepLast },
                "hourly" => merged with { KeepHourly = given.KeepHourly },
                "daily" => merged with { KeepDaily = given.KeepDaily },
                "weekly" => merged with { KeepWeekly = given.KeepWeekly },
                "monthly" => merged with { KeepMonthly = given.KeepMonthly },
                "yearly" => merged with { KeepYearly = given.KeepYearly },
                _ => throw new InvalidOperationException("Unknown retention kind " + key),
            };
        }

        return merged;
    }
}
