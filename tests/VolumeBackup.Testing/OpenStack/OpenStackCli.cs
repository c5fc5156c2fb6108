using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace VolumeBackup.Testing.OpenStack;

/// <summary>
/// Debian's unmodified OpenStack command lines, <c>cinder</c> (python3-cinderclient 9.1.0) and <c>openstack</c>
/// (python3-openstackclient 6.0.0), run as child processes against a server's Cinder v3 surface with a static token
/// and no Keystone: the endpoint already names the project (<c>{server}/v3/{project}</c>). Each run has a deadline;
/// exit code, stdout and stderr come back as printed.
/// </summary>
public sealed class OpenStackCli(string serverUrl, string project, string token)
{
    public const string CinderPath = "/usr/bin/cinder";
    public const string OpenStackPath = "/usr/bin/openstack";
    public const string HowToInstall =
        "sudo scripts/services.sh up (or apt-get install python3-cinderclient python3-openstackclient)";

    /// <summary>One command's deadline: a Python client starts in 1-3 s; this leaves room for a loaded machine.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(90);

    // A home of its own: no clouds.yaml, client cache or settings of the user running the tests.
    private static readonly Lazy<string> Home = new(() =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "vb-openstack-cli-home")).FullName);

    public string Project => project;

    /// <summary>The Cinder endpoint both clients are given: <c>http://127.0.0.1:PORT/v3/{project}</c>.</summary>
    public string Endpoint => $"{serverUrl.TrimEnd('/')}/v3/{project}";

    /// <summary>Skips (locally) or fails (in CI) when either client is missing.</summary>
    public static void Require() =>
        RealServices.Require(
            File.Exists(CinderPath) && File.Exists(OpenStackPath),
            "The cinder and openstack commands (python3-cinderclient, python3-openstackclient)",
            HowToInstall);

    /// <summary><c>cinder --os-auth-type admin_token --os-token T --os-project-id P --os-endpoint E args...</c></summary>
    public Task<CliRun> CinderAsync(params string[] args) =>
        RunAsync(CinderPath, ["--os-auth-type", "admin_token", "--os-token", token, "--os-project-id", project, "--os-endpoint", Endpoint, .. args]);

    /// <summary><c>openstack --os-token T --os-endpoint E args...</c> (osc-lib picks the admin_token plugin itself).</summary>
    public Task<CliRun> OpenStackAsync(params string[] args) =>
        RunAsync(OpenStackPath, ["--os-token", token, "--os-endpoint", Endpoint, .. args]);

    /// <summary>Runs <c>openstack args... -f json</c>; fails unless it exits 0 with JSON.</summary>
    public async Task<JsonElement> OpenStackJsonAsync(params string[] args) => (await OpenStackAsync([.. args, "-f", "json"])).Json();

    /// <summary>Runs <paramref name="program"/>; kills it and fails the test when it outlives <paramref name="deadline"/>.</summary>
    /// <param name="program">The command's path.</param>
    /// <param name="args">Its arguments.</param>
    /// <param name="deadline">How long it may run (<see cref="DefaultDeadline"/> when null).</param>
    /// <param name="environment">Client settings (<c>OS_AUTH_URL</c>...) set after the caller's own were removed.</param>
    public static async Task<CliRun> RunAsync(
        string program, IReadOnlyList<string> args, TimeSpan? deadline = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Settings of another cloud in the environment (OS_AUTH_URL, OS_CLOUD, CINDER_ENDPOINT...) must not mix in.
        foreach (var name in info.Environment.Keys.Where(IsClientSetting).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["HOME"] = Home.Value;
        info.Environment["PYTHONIOENCODING"] = "utf-8";
        info.Environment["COLUMNS"] = "250"; // wide tables: cells are not wrapped
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var commandLine = string.Join(' ', new[] { Path.GetFileName(program) }.Concat(args));
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var limit = deadline ?? DefaultDeadline;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            var partial = new CliRun(commandLine, -1, await stdout, await stderr);
            Assert.Fail($"Did not end within {limit.TotalSeconds:0} s:\n{partial}");
        }

        return new CliRun(commandLine, process.ExitCode, await stdout, await stderr);
    }

    private static bool IsClientSetting(string name) =>
        name.StartsWith("OS_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("CINDER", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("OPENSTACK", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("NOVA", StringComparison.OrdinalIgnoreCase);
}
