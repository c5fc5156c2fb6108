using System.CommandLine.Parsing;
using System.Globalization;

namespace VolumeBackup.Cli.Commands;

/// <summary>
/// Parsers that turn bad numbers into parse errors (exit 2). A validator cannot do this: reading the value of a token
/// that did not convert throws inside the parser instead of reporting an error.
/// </summary>
internal static class OptionParsers
{
    public static Func<ArgumentResult, int> WholeNumber(int min, int fallback) => result =>
    {
        if (result.Tokens.Count == 0)
        {
            return fallback;
        }

        var text = result.Tokens[0].Value;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min)
        {
            return value;
        }

        result.AddError($"'{text}' is not a whole number of at least {min} for {OptionName(result)}.");
        return fallback;
    };

    public static Func<ArgumentResult, double> Seconds(double max, double fallback) => result =>
        ParseSeconds(result, max) ?? fallback;

    public static Func<ArgumentResult, double?> OptionalSeconds(double max) => result => ParseSeconds(result, max);

    private static double? ParseSeconds(ArgumentResult result, double max)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        var text = result.Tokens[0].Value;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= max)
        {
            return value;
        }

        result.AddError($"'{text}' is not a number of seconds above 0 and at most {max} for {OptionName(result)}.");
        return null;
    }

    private static string OptionName(ArgumentResult result) =>
        result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
}
