using System.CommandLine;
using VolumeBackup.Cli.Completion;

namespace VolumeBackup.Cli.Commands;

internal static class CompletionCommand
{
    public static Command Create(CommandRunner runner, HelpExamples examples)
    {
        var shell = new Argument<string>("shell") { Description = "bash or zsh" };
        shell.AcceptOnlyFromAmong([.. CompletionScripts.Shells]);
        var command = new Command("completion", "Print a shell script that completes volume-backup's commands and options") { shell };
        examples.Add(
            command,
            "source <(volume-backup completion bash)",
            "volume-backup completion bash > /etc/bash_completion.d/volume-backup",
            "volume-backup completion zsh > \"${fpath[1]}/_volume-backup\"");
        runner.Attach(command, async (context, _) =>
        {
            await context.Environment.Out.WriteAsync(CompletionScripts.For(context.Parse.GetRequiredValue(shell)));
            return ExitCodes.Success;
        });
        return command;
    }
}
