using System.CommandLine;
using Spectre.Console;
using VolumeBackup.Cli.Output;
using VolumeBackup.Cli.Settings;
using VolumeBackup.Client;

namespace VolumeBackup.Cli.Commands;

/// <summary>One invocation's world: the parsed command line, the consoles, the output writer and (on first use) the client.</summary>
internal sealed class CliContext : IDisposable
{
    private readonly GlobalOptions _options;
    private VolumeBackupClient? _client;

    public CliContext(ParseResult parse, CliEnvironment environment, GlobalOptions options)
    {
        Parse = parse;
        Environment = environment;
        _options = options;
        Console = ConsoleFactory.Create(environment.Out, environment.OutputIsTerminal, environment.NoColor);
        Output = new OutputWriter(Console, environment.Out, options.FormatOf(parse), parse.GetValue(options.Quiet));
    }

    public ParseResult Parse { get; }

    public CliEnvironment Environment { get; }

    public IAnsiConsole Console { get; }

    public OutputWriter Output { get; }

    /// <summary>The endpoint in use, once the settings were resolved (for the "cannot reach" message).</summary>
    public Uri? Endpoint { get; private set; }

    /// <summary>Resolves the settings on first use, so commands that need no service (completion) need no settings.</summary>
    public VolumeBackupClient Client
    {
        get
        {
            if (_client is null)
            {
                var settings = SettingsResolver.Resolve(_options.Flags(Parse), Environment);
                Endpoint = settings.Endpoint;
                _client = new VolumeBackupClient(new VolumeBackupClientOptions
                {
                    Endpoint = settings.Endpoint,
                    TenantId = settings.TenantId,
                    AuthToken = settings.AuthToken,
                });
            }

            return _client;
        }
    }

    public void Dispose() => _client?.Dispose();
}
