using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace VolumeBackup.Testing.OpenStack;

/// <summary>How one run of <c>cinder</c> or <c>openstack</c> ended: its exit code and both streams as printed.</summary>
public sealed record CliRun(string CommandLine, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Stdout as JSON (<c>openstack ... -f json</c>); fails naming the run unless it exited 0 with JSON.</summary>
    public JsonElement Json()
    {
        AssertSucceeded();
        try
        {
            using var document = JsonDocument.Parse(Stdout);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            Assert.Fail($"Not JSON ({e.Message}):\n{this}");
            throw;
        }
    }

    /// <summary>The rows of the table <c>cinder</c> printed (header -> cell); fails unless it exited 0.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Table()
    {
        AssertSucceeded();
        return PrettyTable.Parse(Stdout);
    }

    /// <summary>A <c>cinder</c> Property/Value table (show, create, restore) as a dictionary; fails unless it exited 0.</summary>
    public IReadOnlyDictionary<string, string> Properties()
    {
        AssertSucceeded();
        return PrettyTable.ParseProperties(Stdout);
    }

    public void AssertSucceeded() => Assert.True(ExitCode == 0, $"Expected exit 0:\n{this}");

    /// <summary>
    /// Asserts a failed run that shows <paramref name="message"/> on stderr (where both clients print errors), without
    /// a Python traceback and without a server error (5xx).
    /// </summary>
    public void AssertFailedWith(string message) => AssertFailure(Stderr, Regex.Escape(message), message);

    /// <summary>
    /// Asserts a failed run whose stderr shows the server's fault as the clients print it: the fault's message, maybe
    /// followed by more words, then <c>(HTTP status)</c> on the same line.
    /// </summary>
    public void AssertServerFault(string message, int status) =>
        AssertFailure(Stderr, FaultPattern(message, status), $"{message} ... (HTTP {status})");

    /// <summary>As <see cref="AssertServerFault"/> for a fault the client prints on stdout (cinder's per-item failures).</summary>
    public void AssertServerFaultOnStdout(string message, int status) =>
        AssertFailure(Stdout, FaultPattern(message, status), $"{message} ... (HTTP {status})");

    public override string ToString() => $"$ {CommandLine}\nexit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";

    private static string FaultPattern(string message, int status) =>
        Regex.Escape(message) + @"[^\n]*\(HTTP " + status.ToString(CultureInfo.InvariantCulture) + @"\)";

    private void AssertFailure(string stream, string pattern, string expected)
    {
        Assert.True(ExitCode != 0, $"Expected a failure:\n{this}");
        Assert.True(Regex.IsMatch(stream, pattern), $"Expected \"{expected}\":\n{this}");
        Assert.False(Stderr.Contains("Traceback", StringComparison.Ordinal), $"The client crashed:\n{this}");
        Assert.False(Regex.IsMatch(Stdout + Stderr, @"\(HTTP 5\d\d\)"), $"A server error:\n{this}");
    }
}
