using VolumeBackup.Cli;

namespace VolumeBackup.UnitTests.Cli;

/// <summary>A CLI environment of its own: variables from a dictionary, captured streams, a temporary home directory.</summary>
internal sealed class TestEnvironment : IDisposable
{
    public TestEnvironment(bool terminal = false)
    {
        Home = Directory.CreateTempSubdirectory("vb-cli-home-").FullName;
        Environment = new CliEnvironment(name => Variables.GetValueOrDefault(name), Out, Error, terminal, Home);
    }

    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public StringWriter Out { get; } = new();

    public StringWriter Error { get; } = new();

    public string Home { get; }

    public CliEnvironment Environment { get; }

    public string DefaultConfigPath => Path.Combine(Home, ".config", "volume-backup", "config.json");

    public static void WriteConfig(string path, string json)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);
    }

    public Task<int> RunAsync(params string[] args) => CliApplication.RunAsync(args, Environment, TestContext.Current.CancellationToken);

    public void Dispose() => Directory.Delete(Home, recursive: true);
}
