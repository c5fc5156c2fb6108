using System.CommandLine;
using VolumeBackup.Cli;

namespace VolumeBackup.UnitTests.Cli;

public sealed class CliApplicationTests : IDisposable
{
    private readonly TestEnvironment _env = new();

    public void Dispose() => _env.Dispose();

    [Fact]
    public async Task A_command_without_settings_exits_2_naming_what_is_missing()
    {
        var code = await _env.RunAsync("backup", "list");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("Missing settings: endpoint, tenant id, auth token.", _env.Error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_env.Out.ToString());
    }

    [Theory]
    [InlineData("backup", "bogus")]
    [InlineData("volume", "create")]
    [InlineData("volume", "create", "--size", "many")]
    [InlineData("volume", "list", "--page-size", "0")]
    [InlineData("backup", "wait", "1", "--poll-interval", "soon")]
    [InlineData("backup", "list", "--format", "xml")]
    [InlineData("backup", "create", "9", "--wait", "--timeout", "0")]
    public async Task A_bad_command_line_exits_2_with_the_error_on_stderr(params string[] args)
    {
        var code = await _env.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--help", _env.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Root_help_lists_the_commands_examples_and_exit_codes()
    {
        var code = await _env.RunAsync("--help");

        Assert.Equal(ExitCodes.Success, code);
        var help = _env.Out.ToString();
        Assert.Contains("volume", help, StringComparison.Ordinal);
        Assert.Contains("Examples:", help, StringComparison.Ordinal);
        Assert.Contains("Exit codes:", help, StringComparison.Ordinal);
        Assert.Contains("4   a followed job ended in error", help, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_command_has_at_least_one_example_in_its_help()
    {
        var root = CliApplication.Build(_env.Environment, out var examples);

        var withoutExamples = AllCommands(root).Where(c => !examples.HasExamples(c)).Select(c => c.Name).ToList();

        Assert.Empty(withoutExamples);
    }

    [Theory]
    [InlineData("volume", "create")]
    [InlineData("backup", "restore")]
    [InlineData("backup", "wait")]
    public async Task A_subcommand_help_shows_its_own_examples(string group, string verb)
    {
        var code = await _env.RunAsync(group, verb, "--help");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains($"volume-backup {group} {verb}", _env.Out.ToString().Split("Examples:")[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bash_completion_script_asks_the_tool_through_the_suggest_directive()
    {
        var code = await _env.RunAsync("completion", "bash");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("[suggest:", _env.Out.ToString(), StringComparison.Ordinal);
        Assert.Contains("complete -o default -F _volume_backup_complete volume-backup", _env.Out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_suggest_directive_completes_subcommands()
    {
        var root = CliApplication.Build(_env.Environment, out _);

        var completions = root.Parse("backup re").GetCompletions().Select(c => c.Label);

        Assert.Contains("restore", completions);
    }

    private static IEnumerable<Command> AllCommands(Command command) =>
        command.Subcommands.SelectMany(AllCommands).Prepend(command);
}
