using System.CommandLine;
using VolumeBackup.Contracts.Policies;

namespace VolumeBackup.Cli.Commands;

/// <summary>
/// The schedule options of policy create and update: <c>--every</c> or <c>--cron</c>, and <c>--time-zone</c> for a
/// cron expression. One place for their parsing and their rules, so both commands accept and refuse the same things.
/// </summary>
internal sealed class ScheduleOptions
{
    private readonly Option<long?> every = new("--every")
    {
        Description = "Back up at this interval: 90s, 15m, 6h, 1d (or use --cron)",
        CustomParser = DurationParser.Option(),
        HelpName = "duration",
    };

    private readonly Option<string?> cron = new("--cron") { Description = "Back up on a five-field cron expression, such as '0 2 * * *'", HelpName = "expr" };
    private readonly Option<string?> timeZone = new("--time-zone") { Description = "IANA time zone of --cron (default UTC)", HelpName = "zone" };

    public void AddTo(Command command)
    {
        command.Options.Add(every);
        command.Options.Add(cron);
        command.Options.Add(timeZone);
    }

    /// <summary>The schedule given, or null when neither <c>--every</c> nor <c>--cron</c> is (allowed unless <paramref name="required"/>).</summary>
    public PolicyScheduleView? Read(ParseResult parse, bool required)
    {
        var interval = parse.GetValue(every);
        var expression = parse.GetValue(cron);
        var zone = parse.GetValue(timeZone);
        if (interval is not null && expression is not null)
        {
            throw new UsageException(required ? "Give exactly one of --every or --cron." : "Give at most one of --every or --cron.");
        }

        if (zone is not null && expression is null)
        {
            throw new UsageException("--time-zone applies to --cron only.");
        }

        if (interval is null && expression is null)
        {
            return required ? throw new UsageException("Give exactly one of --every or --cron.") : null;
        }

        return new PolicyScheduleView { IntervalSeconds = interval, Cron = expression, TimeZone = zone };
    }
}
