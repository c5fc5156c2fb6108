using Spectre.Console;

namespace VolumeBackup.Cli.Output;

/// <summary>
/// Creates the Spectre console for stdout. When stdout is not a terminal (a pipe, a file, a test) it writes plain
/// text: no ANSI sequences, no colour, no animation, and a wide fixed width so table rows never wrap for grep.
/// NO_COLOR keeps the layout but drops colour.
/// </summary>
internal static class ConsoleFactory
{
    /// <summary>Wide enough for any row of ids, names and dates; pipes have no width of their own.</summary>
    private const int PipeWidth = 240;

    public static IAnsiConsole Create(TextWriter writer, bool isTerminal, bool noColor)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal && !noColor ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!isTerminal)
        {
            console.Profile.Width = PipeWidth;
        }

        return console;
    }
}
