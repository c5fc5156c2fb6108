using System.CommandLine.Parsing;
using System.Globalization;

namespace VolumeBackup.Cli.Commands;

/// <summary>
/// Reads <c>90s</c>, <c>15m</c>, <c>6h</c>, <c>1d</c> as whole seconds; anything else is a parse error (exit 2), so a
/// typo never becomes a schedule the user did not mean.
/// </summary>
internal static class DurationParser
{
    public static long? TryParseSeconds(string text)
    {
        if (text.Length < 2)
        {
            return null;
        }

        long? unit = char.ToLowerInvariant(text[^1]) switch
        {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86400,
            _ => null,
        };
        if (unit is null
            || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count < 1
            || count > long.MaxValue / unit.Value)
        {
            return null;
        }

        return count * unit.Value;
    }

    public static Func<ArgumentResult, long?> Option() => result =>
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        var text = result.Tokens[0].Value;
        var seconds = TryParseSeconds(text);
        if (seconds is null)
        {
            var name = result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
            result.AddError($"'{text}' is not a duration such as 90s, 15m, 6h or 1d for {name}.");
        }

        return seconds;
    };
}
