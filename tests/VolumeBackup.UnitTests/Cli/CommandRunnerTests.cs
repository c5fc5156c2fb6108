using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using VolumeBackup.Cli;
using VolumeBackup.Cli.Commands;
using VolumeBackup.Client;

namespace VolumeBackup.UnitTests.Cli;

public sealed class CommandRunnerTests : IDisposable
{
    private readonly TestEnvironment _env = new();

    public void Dispose() => _env.Dispose();

    public static TheoryData<string, int, string> Failures => new()
    {
        { "usage", ExitCodes.Usage, "error: Missing settings: endpoint." },
        { "fault", ExitCodes.ApiError, "error: Backup 7 could not be found. (itemNotFound, HTTP 404)" },
        { "refused", ExitCodes.ConnectionFailure, "error: cannot reach the service: Connection refused" },
        { "job", ExitCodes.JobFailed, "error: backup 7 failed: disk on fire" },
        { "timeout", ExitCodes.TimedOut, "error: backup 7 did not end within 1 s; it goes on in the service." },
    };

    private static Exception Make(string kind) => kind switch
    {
        "usage" => new UsageException("Missing settings: endpoint."),
        "fault" => new VolumeBackupApiException("itemNotFound", 404, "Backup 7 could not be found.", HttpStatusCode.NotFound),
        "refused" => new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)),
        "job" => new JobFailedException("backup 7 failed: disk on fire"),
        _ => new TimeoutException("backup 7 did not end within 1 s; it goes on in the service."),
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Each_way_a_command_fails_has_its_exit_code_and_one_message_on_stderr(string kind, int code, string message)
    {
        var options = new GlobalOptions();
        var runner = new CommandRunner(_env.Environment, options);
        var command = new RootCommand();
        runner.Attach(command, (_, _) => throw Make(kind));

        var exit = await command.Parse([]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(code, exit);
        Assert.Equal(message + Environment.NewLine, _env.Error.ToString());
        Assert.Empty(_env.Out.ToString());
    }
}
