using System.CommandLine;
using VolumeBackup.Contracts.Policies;

namespace VolumeBackup.Cli.Commands;

/// <summary>The <c>--keep-*</c> options of policy create: restic's <c>forget</c> counts, 0 (the default) keeps all.</summary>
internal static class RetentionOptions
{
    private static readonly (string Key, string What)[] Kinds =
    [
        ("last", "newest backups"),
        ("hourly", "last backup of each of the newest hours"),
        ("daily", "last backup of each of the newest days"),
        ("weekly", "last backup of each of the newest weeks"),
        ("monthly", "last backup of each of the newest months"),
        ("yearly", "last backup of each of the newest years"),
    ];

    public static IReadOnlyDictionary<string, Option<int>> All() => Kinds.ToDictionary(
        k => k.Key,
        k => new Option<int>("--keep-" + k.Key)
        {
            Description = $"Keep the {k.What} (0 = no rule of this kind)",
            CustomParser = OptionParsers.WholeNumber(min: 0, fallback: 0),
            HelpName = "n",
        },
        StringComparer.Ordinal);

    public static PolicyRetentionView Read(ParseResult parse, IReadOnlyDictionary<string, Option<int>> options) => new()
    {
        KeepLast = parse.GetValue(options["last"]),
        KeepHourly = parse.GetValue(options["hourly"]),
        KeepDaily = parse.GetValue(options["daily"]),
        KeepWeekly = parse.GetValue(options["weekly"]),
        KeepMonthly = parse.GetValue(options["monthly"]),
        KeepYearly = parse.GetValue(options["yearly"]),
    };
}
