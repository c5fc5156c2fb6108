using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using VolumeBackup.Testing;

namespace VolumeBackup.EndToEndTests.Dashboard;

/// <summary>
/// Debian's Chromium started headless on a fresh profile with DevTools on a loopback port it picks itself (read from
/// the profile's DevToolsActivePort). The flags switch off everything that would call out to the network on its own.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    public const string Binary = "/usr/bin/chromium";

    private readonly Process _process;
    private readonly string _profile;

    private HeadlessChromium(Process process, string profile, int port)
    {
        _process = process;
        _profile = profile;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Fails (CI) or skips when Debian's chromium package is missing.</summary>
    public static void Require() =>
        RealServices.Require(File.Exists(Binary), "chromium", "apt-get install -y chromium chromium-driver");

    public static async Task<HeadlessChromium> StartAsync()
    {
        var profile = Directory.CreateTempSubdirectory("vb-chromium-").FullName;
        var info = new ProcessStartInfo(Binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])[
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-default-apps", "--disable-extensions", "--metrics-recording-only", "--mute-audio",
                     "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--user-data-dir=" + profile,
                     "--window-size=1280,800", "about:blank"])
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var portFile = Path.Combine(profile, "DevToolsActivePort");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!File.Exists(portFile) || new FileInfo(portFile).Length == 0)
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("Chromium did not open its DevTools port.");
            }

            await Task.Delay(100);
        }

        var port = int.Parse((await File.ReadAllLinesAsync(portFile))[0]);
        return new HeadlessChromium(process, profile, port);
    }

    /// <summary>The first page target, with Page, Runtime and Network events on.</summary>
    public async Task<CdpPage> OpenPageAsync()
    {
        using var http = new HttpClient();
        var targets = await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{Port}/json/list");
        var url = targets.EnumerateArray().First(t => t.GetProperty("type").GetString() == "page")
            .GetProperty("webSocketDebuggerUrl").GetString()!;
        var page = await CdpPage.ConnectAsync(new Uri(url));
        await page.SendAsync("Page.enable");
        await page.SendAsync("Runtime.enable");
        await page.SendAsync("Network.enable");
        // Injected by DevTools, so not subject to the page's CSP: records any violation the policy reports.
        await page.SendAsync("Page.addScriptToEvaluateOnNewDocument", new
        {
            source = "window.__violations = []; document.addEventListener('securitypolicyviolation', e => " +
                     "window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));",
        });
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
