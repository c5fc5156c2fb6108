using System.Diagnostics;
using System.Text;
using Xunit;

namespace VolumeBackup.Testing.ObjectStores;

/// <summary>The standard <c>swift</c> command-line client (python3-swiftclient), run as a user with auth v1.0.</summary>
public sealed class SwiftCli(string user, string key)
{
    public const string Path = "/usr/bin/swift";

    public static SwiftCli TenantA { get; } = new("test:tester", "testing");

    public static SwiftCli TenantB { get; } = new("test2:tester2", "testing2");

    /// <summary>Skips (locally) or fails (in CI) when Swift or the client is missing.</summary>
    public static void Require()
    {
        SwiftFixture.Require();
        RealServices.Require(File.Exists(Path), "The swift command (python3-swiftclient)", SwiftFixture.HowToStart);
    }

    /// <summary>The object names of <paramref name="container"/>, in Swift's order (sorted).</summary>
    public async Task<string[]> ListAsync(string container, CancellationToken ct) =>
        Encoding.UTF8.GetString(await RunAsync(ct, "list", container))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public Task<byte[]> DownloadAsync(string container, string name, CancellationToken ct) =>
        RunAsync(ct, "download", container, name, "-o", "-");

    public async Task<string> StatAsync(string container, string name, CancellationToken ct) =>
        Encoding.UTF8.GetString(await RunAsync(ct, "stat", container, name));

    /// <summary>Runs <c>swift</c> with <paramref name="args"/>; exit code and stderr as they came.</summary>
    public async Task<(int ExitCode, byte[] Output, string Error)> TryRunAsync(CancellationToken ct, params string[] args)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-A", SwiftFixture.AuthUrl.ToString(), "-U", user, "-K", key }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        // Settings for another cloud in the environment must not override the ones given here.
        foreach (var name in new[] { "OS_AUTH_URL", "ST_AUTH", "ST_USER", "ST_KEY", "OS_STORAGE_URL", "OS_AUTH_TOKEN" })
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        using var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout, ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        await copy;
        return (process.ExitCode, stdout.ToArray(), await stderr);
    }

    private async Task<byte[]> RunAsync(CancellationToken ct, params string[] args)
    {
        var (exitCode, output, error) = await TryRunAsync(ct, args);
        Assert.True(exitCode == 0, $"swift {string.Join(' ', args)} exited with {exitCode}: {error}");
        return output;
    }
}
