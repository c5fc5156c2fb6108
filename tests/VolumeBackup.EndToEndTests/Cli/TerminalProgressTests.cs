using System.Text.RegularExpressions;

namespace VolumeBackup.EndToEndTests.Cli;

/// <summary>What a user at a terminal sees: the CLI runs on a pseudo-terminal, so Spectre draws its live display.</summary>
[Collection(CliServerGroup.Name)]
public sealed partial class TerminalProgressTests(CliServerFixture fixture)
{
    [Fact]
    public async Task On_a_terminal_backup_create_wait_draws_a_progress_bar_that_ends_at_the_volume_size()
    {
        var volume = await fixture.CreateVolumeAsync("cli-tty");

        var result = await CliProcess.RunOnTerminalAsync(
            fixture.DemoEnvironment(), fixture.Home, "backup", "create", volume.Id, "--wait", "--poll-interval", "0.2");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains('\u001b', result.Stdout);
        var screen = Escapes().Replace(result.Stdout, string.Empty);
        Assert.Contains($"of volume {volume.Id}", screen, StringComparison.Ordinal);
        Assert.Matches(@"available\s+━+\s+100%\s+1\.0 GiB", screen);
        Assert.Contains("━", screen, StringComparison.Ordinal);
        Assert.Contains("object_count", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NO_COLOR_keeps_the_terminal_layout_but_drops_colour()
    {
        var variables = fixture.DemoEnvironment();
        variables["NO_COLOR"] = "1";

        var result = await CliProcess.RunOnTerminalAsync(variables, fixture.Home, "volume", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Availability zone", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\u001b\[[0-9;]*3[0-9;]*m", result.Stdout.Replace("\u001b[0m", string.Empty, StringComparison.Ordinal)
            .Replace("\u001b[1m", string.Empty, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\u001b(\[[0-9;?]*[A-Za-z]|[=>])")]
    private static partial Regex Escapes();
}
