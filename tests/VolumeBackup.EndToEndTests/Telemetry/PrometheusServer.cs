using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using VolumeBackup.Testing;

namespace VolumeBackup.EndToEndTests.Telemetry;

/// <summary>
/// A real Prometheus (the Debian package's binary) of the test's own: its config, data directory and free loopback port,
/// scraping one target every second. A packaged service on :9090, if any, is never used.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus";

    private readonly Process _process;
    private readonly TempDataDirectory _directory;
    private readonly StringBuilder _output = new();
    private readonly HttpClient _client;

    private PrometheusServer(Process process, TempDataDirectory directory, string baseUrl)
    {
        _process = process;
        _directory = directory;
        BaseUrl = baseUrl;
        _client = new HttpClient { BaseAddress = new Uri(baseUrl + "/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public string BaseUrl { get; }

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

    /// <summary>Skips locally, fails in CI, when the package is not installed (scripts/prometheus.sh installs it).</summary>
    public static void Require() =>
        RealServices.Require(File.Exists(Binary), "prometheus", "scripts/prometheus.sh up (Debian package prometheus)");

    /// <summary>Starts Prometheus scraping <paramref name="target"/> (host:port) at <c>/metrics</c> every second.</summary>
    public static PrometheusServer Start(string target)
    {
        var directory = new TempDataDirectory("vb-prometheus");
        var config = Path.Combine(directory.Path, "prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: volumebackup
                metrics_path: /metrics
                static_configs:
                  - targets: ['{target}']
            """);
        var port = FreePort();
        var info = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--config.file=" + config);
        info.ArgumentList.Add("--storage.tsdb.path=" + Path.Combine(directory.Path, "data"));
        info.ArgumentList.Add($"--web.listen-address=127.0.0.1:{port}");
        var process = new Process { StartInfo = info };
        var server = new PrometheusServer(process, directory, $"http://127.0.0.1:{port}");
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Waits until Prometheus answers <c>/-/ready</c>.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await _client.GetAsync(new Uri("-/ready", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"prometheus was not ready within {timeout}:\n{Output}");
    }

    /// <summary>An instant query's samples as label set (rendered) -> value; empty when nothing matches.</summary>
    public async Task<Dictionary<string, double>> QueryAsync(string promQl)
    {
        using var response = await _client.GetAsync(new Uri("api/v1/query?query=" + Uri.EscapeDataString(promQl), UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{promQl}: {(int)response.StatusCode} {text}");
        using var document = JsonDocument.Parse(text);
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var result in document.RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            var labels = string.Join(",", result.GetProperty("metric").EnumerateObject()
                .Where(p => p.Name is not "__name__" and not "instance" and not "job")
                .OrderBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => $"{p.Name}={p.Value.GetString()}"));
            samples[labels] = double.Parse(result.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
        }

        return samples;
    }

    /// <summary>The scrape target's health as Prometheus last saw it (<c>up</c>, <c>down</c> or <c>unknown</c>) and its last error.</summary>
    public async Task<string> TargetsAsync() => await _client.GetStringAsync(new Uri("api/v1/targets", UriKind.Relative));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _client.Dispose();
        _directory.Dispose();
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
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
