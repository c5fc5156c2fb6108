using System.CommandLine;
using System.CommandLine.Help;

namespace VolumeBackup.Cli.Commands;

/// <summary>
/// Adds two sections to every command's <c>--help</c>: the command's examples and the exit codes, so a user
/// learns both without leaving the terminal.
/// </summary>
internal sealed class HelpExamples
{
    private readonly Dictionary<Command, IReadOnlyList<string>> _examples = [];

    public void Add(Command command, params string[] examples) => _examples[command] = examples;

    public bool HasExamples(Command command) => _examples.ContainsKey(command);

    /// <summary>Wraps the root's help action (subcommands share the root's recursive help option).</summary>
    public void InstallOn(RootCommand root)
    {
        foreach (var option in root.Options.OfType<HelpOption>())
        {
            if (option.Action is HelpAction help)
            {
                option.Action = new ExamplesHelpAction(help, this);
            }
        }
    }

    /// <summary>Writes the examples of <paramref name="command"/> (if any) and the exit codes.</summary>
    public void WriteSections(Command command, TextWriter output)
    {
        if (_examples.TryGetValue(command, out var examples))
        {
            output.WriteLine("Examples:");
            foreach (var example in examples)
            {
                output.WriteLine("  " + example);
            }

            output.WriteLine();
        }

        output.WriteLine("Exit codes:");
        foreach (var (code, meaning) in ExitCodes.Documented)
        {
            output.WriteLine($"  {code,-4}{meaning}");
        }

        output.WriteLine();
    }
}
