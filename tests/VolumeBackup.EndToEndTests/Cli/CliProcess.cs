using System.Diagnostics;

namespace VolumeBackup.EndToEndTests.Cli;

/// <summary>
/// Runs the built CLI (<c>volume-backup.dll</c>, through <c>dotnet</c>) as its own process with redirected streams,
/// so stdout is never a terminal. The environment is cleaned of every setting the CLI reads, then given
/// the given variables only, and HOME points at a fresh directory: no developer's config leaks in.
/// </summary>
public static class CliProcess
{
    private static readonly string[] ReadVariables =
    [
        "OS_AUTH_TOKEN", "OS_TOKEN", "OS_TENANT_ID", "OS_PROJECT_ID", "VOLUME_BACKUP_URL", "VOLUME_BACKUP_CONFIG",
        "XDG_CONFIG_HOME", "NO_COLOR",
    ];

    public static Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> variables, string home, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet");
        info.ArgumentList.Add(CliDll());
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return RunAsync(info, variables, home, string.Join(' ', args));
    }

    /// <summary>
    /// Runs the CLI on a pseudo-terminal (util-linux <c>script</c>), as a user at a terminal would; what the terminal
    /// showed comes back as stdout, escape sequences included.
    /// </summary>
    public static Task<CliResult> RunOnTerminalAsync(IReadOnlyDictionary<string, string> variables, string home, params string[] args)
    {
        // A fixed size: a pty made without a terminal around it may report 0 columns, and tables would then squeeze.
        var command = "stty cols 160 rows 50; exec "
                      + string.Join(' ', new[] { "dotnet", CliDll() }.Concat(args).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        var info = new ProcessStartInfo("script");
        foreach (var arg in new[] { "--quiet", "--return", "--command", command, "/dev/null" })
        {
            info.ArgumentList.Add(arg);
        }

        return RunAsync(info, variables, home, string.Join(' ', args));
    }

    private static async Task<CliResult> RunAsync(ProcessStartInfo info, IReadOnlyDictionary<string, string> variables, string home, string description)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        info.UseShellExecute = false;

        foreach (var name in ReadVariables)
        {
            info.Environment.Remove(name);
        }

        // A colour-capable TERM: colour must still stay off when stdout is a pipe.
        info.Environment["TERM"] = "xterm-256color";
        info.Environment["HOME"] = home;
        foreach (var (name, value) in variables)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"volume-backup {description} did not end within 5 minutes.");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The CLI built beside this test run (same configuration), found from the repository root.</summary>
    public static string CliDll() => Path.Combine(BuildDirectory(), "volume-backup.dll");

    /// <summary>The native launcher of the same build, as an installed tool would be run.</summary>
    public static string AppHost() => Path.Combine(BuildDirectory(), "volume-backup");

    private static string BuildDirectory()
    {
        var configuration = AppContext.BaseDirectory.Contains("/release/", StringComparison.Ordinal) ? "release" : "debug";
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "VolumeBackup.slnx")))
        {
            directory = directory.Parent;
        }

        var root = directory?.FullName ?? throw new InvalidOperationException("VolumeBackup.slnx not found above the test directory.");
        var path = Path.Combine(root, "artifacts", "bin", "VolumeBackup.Cli", configuration);
        return File.Exists(Path.Combine(path, "volume-backup.dll"))
            ? path
            : throw new FileNotFoundException("Build the CLI first (dotnet build).", Path.Combine(path, "volume-backup.dll"));
    }
}
