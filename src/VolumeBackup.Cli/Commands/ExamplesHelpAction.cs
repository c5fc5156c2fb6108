using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace VolumeBackup.Cli.Commands;

/// <summary>The standard help, followed by the command's examples and the exit codes.</summary>
internal sealed class ExamplesHelpAction(HelpAction standard, HelpExamples examples) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        var code = standard.Invoke(parseResult);
        var output = parseResult.InvocationConfiguration.Output;
        examples.WriteSections(parseResult.CommandResult.Command, output);
        return code;
    }
}
