using System.CommandLine;

namespace VolumeBackup.Cli.Commands;

/// <summary>The options of commands that can follow a job: <c>--wait</c>, <c>--timeout</c>, <c>--poll-interval</c>.</summary>
internal sealed class WaitOptions
{
    public WaitOptions(bool includeWaitFlag)
    {
        IncludesWaitFlag = includeWaitFlag;
    }

    public bool IncludesWaitFlag { get; }

    public Option<bool> Wait { get; } = new("--wait")
    {
        Description = "Follow the job to its end with a progress bar; exit 4 with the fail_reason if it fails",
    };

    public Option<double?> Timeout { get; } = new("--timeout")
    {
        Description = "Give up waiting after this many seconds (exit 5); default: no limit",
        HelpName = "seconds",
        CustomParser = OptionParsers.OptionalSeconds(max: 7 * 24 * 3600),
    };

    /// <summary>One second: progress is saved by the workers every few seconds, so faster polling shows nothing new.</summary>
    public Option<double> PollInterval { get; } = new("--poll-interval")
    {
        Description = "Seconds between status polls while waiting",
        DefaultValueFactory = _ => 1.0,
        CustomParser = OptionParsers.Seconds(max: 3600, fallback: 1.0),
        HelpName = "seconds",
    };

    public void AddTo(Command command)
    {
        if (IncludesWaitFlag)
        {
            command.Options.Add(Wait);
        }

        command.Options.Add(Timeout);
        command.Options.Add(PollInterval);
    }

    public bool ShouldWait(ParseResult parse) => !IncludesWaitFlag || parse.GetValue(Wait);

    public TimeSpan? TimeoutOf(ParseResult parse) => parse.GetValue(Timeout) is { } s ? TimeSpan.FromSeconds(s) : null;

    public TimeSpan PollIntervalOf(ParseResult parse) => TimeSpan.FromSeconds(parse.GetValue(PollInterval));
}
