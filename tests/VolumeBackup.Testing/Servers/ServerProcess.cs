using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using VolumeBackup.Testing.Backups;

namespace VolumeBackup.Testing.Servers;

/// <summary>
/// The built server (VolumeBackup.Server.dll) as a separate <c>dotnet</c> process on a free loopback port, for tests
/// that kill it (crash recovery) or check how it exits. Output is collected for assertions.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private StreamWriter? _log;

    private ServerProcess(Process process, string baseUrl, string dataDirectory)
    {
        _process = process;
        BaseUrl = baseUrl;
        DataDirectory = dataDirectory;
    }

    public string BaseUrl { get; }

    public string DataDirectory { get; }

    /// <summary>The tenant's API on the admin token of this server's tokens.json (the volume view then shows device paths).</summary>
    public BackupApi AdminApi(string tenant)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl + "/") };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        client.DefaultRequestHeaders.Add("X-Auth-Token", ServerTokens.Read(DataDirectory).Admin);
        return new BackupApi(client, tenant);
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The server's own process id (it runs as <c>dotnet</c> itself): workers name it in their lease owner.</summary>
    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts the process; does not wait for it to be ready (see <see cref="WaitUntilHealthyAsync"/>). With a
    /// <c>logFile</c>, every output line is also appended to that file as it comes (kept after a kill, as an artifact).
    /// </summary>
    public static ServerProcess Start(
        string dataDirectory, ServerSettings? settings = null, IReadOnlyDictionary<string, string>? environment = null, string? logFile = null)
    {
        var baseUrl = settings?.Urls?.TrimEnd('/') ?? $"http://127.0.0.1:{FreePort()}";
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(ServerDll());
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        foreach (var arg in (settings ?? new ServerSettings()).ToArguments(dataDirectory, baseUrl))
        {
            info.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = info };
        var server = new ServerProcess(process, baseUrl, dataDirectory);
        if (logFile is not null)
        {
            server._log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        }

        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Polls /healthz until it answers 200; fails when the process exits or <paramref name="timeout"/> passes.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="storeMayBeDown">Also accept 503: the server is up but probes an object store a test keeps failing.</param>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout, bool storeMayBeDown = false)
    {
        // A store that stalls holds /healthz for the probe's own timeout (5 s) before it answers 503.
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(storeMayBeDown ? 10 : 2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(BaseUrl + "/healthz"));
                if (response.IsSuccessStatusCode || (storeMayBeDown && response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable))
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet, or too busy starting to answer within the probe's timeout
            }
            catch (TaskCanceledException)
            {
                // listening but slow to answer (a loaded machine during start-up): ask again until the deadline
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The server was not healthy within {timeout}:\n{Output}");
    }

    public Task<bool> WaitForExitAsync(TimeSpan timeout) =>
        _process.WaitForExitAsync(new CancellationTokenSource(timeout).Token).ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default);

    /// <summary>SIGKILL: no shutdown code runs, as in a crash.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        lock (_output)
        {
            _log?.Dispose();
            _log = null;
        }
    }

    /// <summary>The server dll built beside this test run (same configuration), found from the repository root.</summary>
    public static string ServerDll()
    {
        var configuration = AppContext.BaseDirectory.Contains("/release/", StringComparison.Ordinal) ? "release" : "debug";
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "VolumeBackup.slnx")))
        {
            directory = directory.Parent;
        }

        var root = directory?.FullName ?? throw new InvalidOperationException("VolumeBackup.slnx not found above the test directory.");
        var dll = Path.Combine(root, "artifacts", "bin", "VolumeBackup.Server", configuration, "VolumeBackup.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the server first (dotnet build).", dll);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            _log?.WriteLine(line);
        }
    }
}
