using System.CommandLine;
using System.Net.Sockets;
using System.Text.Json;
using VolumeBackup.Client;

namespace VolumeBackup.Cli.Commands;

/// <summary>Runs a command's body and turns every way it can end into a message on stderr and an exit code.</summary>
internal sealed class CommandRunner(CliEnvironment environment, GlobalOptions options)
{
    public void Attach(Command command, Func<CliContext, CancellationToken, Task<int>> body) =>
        command.SetAction((parse, ct) => RunAsync(parse, body, ct));

    private async Task<int> RunAsync(ParseResult parse, Func<CliContext, CancellationToken, Task<int>> body, CancellationToken ct)
    {
        using var context = new CliContext(parse, environment, options);
        try
        {
            return await body(context, ct);
        }
        catch (UsageException e)
        {
            return Fail(ExitCodes.Usage, e.Message);
        }
        catch (VolumeBackupApiException e)
        {
            return Fail(ExitCodes.ApiError, $"{e.Message} ({e.FaultName}, HTTP {e.Code})");
        }
        catch (HttpRequestException e) when (e.StatusCode is null)
        {
            var target = context.Endpoint?.ToString() ?? "the service";
            var reason = e.InnerException is SocketException s ? s.Message : e.Message;
            return Fail(ExitCodes.ConnectionFailure, $"cannot reach {target}: {reason}");
        }
        catch (JobFailedException e)
        {
            return Fail(ExitCodes.JobFailed, e.Message);
        }
        catch (TimeoutException e)
        {
            return Fail(ExitCodes.TimedOut, e.Message);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return Fail(ExitCodes.Interrupted, "interrupted");
        }
        catch (OperationCanceledException e)
        {
            // HttpClient's own time-out: the service accepted the connection but never answered.
            var target = context.Endpoint?.ToString() ?? "the service";
            return Fail(ExitCodes.ConnectionFailure, $"no answer from {target}: {e.Message}");
        }
        catch (JsonException e)
        {
            return Fail(ExitCodes.ApiError, $"the service sent a response this client cannot read: {e.Message}");
        }
    }

    private int Fail(int code, string message)
    {
        environment.Error.WriteLine($"error: {message}");
        environment.Error.Flush();
        return code;
    }
}
