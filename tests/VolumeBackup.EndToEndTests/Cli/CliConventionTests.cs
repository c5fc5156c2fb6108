using System.Diagnostics;

namespace VolumeBackup.EndToEndTests.Cli;

/// <summary>What every command owes a user: help with an example, completion, settings from a file, plain pipe output.</summary>
[Collection(CliServerGroup.Name)]
public sealed class CliConventionTests(CliServerFixture fixture)
{
    public static readonly TheoryData<string> Commands =
    [
        "volume create", "volume list", "volume show", "volume delete",
        "backup create", "backup list", "backup show", "backup delete", "backup restore", "backup wait",
        "completion",
    ];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Every_command_has_help_with_an_example_and_the_exit_codes(string command)
    {
        var result = await fixture.RunAsync([.. command.Split(' '), "--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var examples = result.Stdout.Split("Examples:")[1];
        Assert.Contains("volume-backup " + command, examples, StringComparison.Ordinal);
        Assert.Contains("5   --timeout ran out", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_output_to_a_pipe_has_no_escape_codes_even_with_a_colour_terminal_type()
    {
        await fixture.CreateVolumeAsync("cli-vol-plain");

        var list = await fixture.RunAsync("volume", "list");
        var help = await fixture.RunAsync("--help");
        var error = await fixture.RunAsync("volume", "show", "424242");

        Assert.Contains("cli-vol-plain", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("available", list.Stdout, StringComparison.Ordinal);
        foreach (var text in new[] { list.Stdout, list.Stderr, help.Stdout, error.Stderr })
        {
            Assert.DoesNotContain('\u001b', text);
        }
    }

    [Fact]
    public async Task Settings_come_from_the_config_file_when_neither_flags_nor_variables_give_them()
    {
        var configHome = Path.Combine(fixture.Home, "xdg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(configHome, "volume-backup"));
        await File.WriteAllTextAsync(
            Path.Combine(configHome, "volume-backup", "config.json"),
            $$"""{"endpoint": "{{fixture.Server.BaseUrl}}", "tenant_id": "demo", "auth_token": "{{fixture.Tokens.Demo}}"}""",
            TestContext.Current.CancellationToken);

        var result = await CliProcess.RunAsync(new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = configHome }, fixture.Home, "volume", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Availability zone", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_copied_from_the_catalog_names_the_tenant()
    {
        var variables = new Dictionary<string, string>
        {
            ["VOLUME_BACKUP_URL"] = fixture.Server.BaseUrl + "/v1.1/demo",
            ["OS_AUTH_TOKEN"] = fixture.Tokens.Demo,
        };

        var result = await CliProcess.RunAsync(variables, fixture.Home, "volume", "list", "-q");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Bash_completion_from_the_printed_script_completes_subcommands_and_option_values()
    {
        var script = await fixture.RunAsync("completion", "bash");
        Assert.True(script.ExitCode == 0, script.ToString());
        var scriptPath = Path.Combine(fixture.Home, "completion.bash");
        await File.WriteAllTextAsync(scriptPath, script.Stdout, TestContext.Current.CancellationToken);

        var restore = await CompleteAsync(scriptPath, "volume-backup backup res");
        var formats = await CompleteAsync(scriptPath, "volume-backup volume list --format ");

        Assert.Equal(["restore"], restore);
        Assert.Equal(["json", "table"], formats.Order(StringComparer.Ordinal));
    }

    /// <summary>Loads the script into a real bash, as a user's shell would, and asks it to complete <paramref name="line"/>.</summary>
    private static async Task<string[]> CompleteAsync(string scriptPath, string line)
    {
        var binDirectory = Path.GetDirectoryName(CliProcess.AppHost())!;
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(
            """
            source "$1"
            COMP_LINE="$2"; COMP_POINT=${#COMP_LINE}
            read -r -a COMP_WORDS <<< "$COMP_LINE"
            _volume_backup_complete
            printf '%s\n' "${COMPREPLY[@]}"
            """);
        info.ArgumentList.Add("bash");
        info.ArgumentList.Add(scriptPath);
        info.ArgumentList.Add(line);
        info.Environment["PATH"] = binDirectory + ":" + Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
