namespace VolumeBackup.Cli;

/// <summary>
/// What the CLI reads from and writes to the world: variables, streams, whether stdout is a terminal, the home
/// directory. <see cref="Program"/> passes the real one; tests pass their own, so no test touches the process state.
/// </summary>
internal sealed record CliEnvironment(
    Func<string, string?> GetVariable,
    TextWriter Out,
    TextWriter Error,
    bool OutputIsTerminal,
    string HomeDirectory)
{
    public static CliEnvironment FromProcess() => new(
        Environment.GetEnvironmentVariable,
        Console.Out,
        Console.Error,
        !Console.IsOutputRedirected && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal),
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>NO_COLOR (https://no-color.org): any non-empty value turns colour off.</summary>
    public bool NoColor => !string.IsNullOrEmpty(GetVariable("NO_COLOR"));
}
