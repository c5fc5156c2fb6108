using System.Globalization;
using System.Net;
using VolumeBackup.LoadTool;

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    await Console.Error.WriteLineAsync($"{e.Message}\n{LoadOptions.Usage}");
    return 2;
}

// Enough pooled connections that a slow answer never holds up the next request (which would close the loop again).
using var handler = new SocketsHttpHandler
{
    MaxConnectionsPerServer = options.Connections,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    AutomaticDecompression = DecompressionMethods.None,
};
using var client = new HttpClient(handler) { BaseAddress = options.BaseUrl, Timeout = options.Timeout };
client.DefaultRequestHeaders.Add("Accept", "application/json");
if (options.Token is not null)
{
    client.DefaultRequestHeaders.Add("X-Auth-Token", options.Token);
}

ThreadPool.SetMinThreads(Math.Max(64, Environment.ProcessorCount * 8), 64);
var run = new OpenLoopRun(client, options.Kinds);
if (options.Warmup > TimeSpan.Zero)
{
    var (warm, _, _) = await run.RunAsync(options.Rates[0], options.Warmup);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"warm-up: {warm.Count} requests at {options.Rates[0]}/s, {warm.Count(s => s.Error is not null)} errors (not reported)"));
}

var failed = false;
Console.WriteLine("| rate (req/s) | achieved | kind | requests | errors | p50 ms | p99 ms | max ms |");
Console.WriteLine("|---:|---:|---|---:|---:|---:|---:|---:|");
foreach (var rate in options.Rates)
{
    var (samples, achieved, lag) = await run.RunAsync(rate, options.Duration);
    var groups = samples.GroupBy(s => s.Kind).OrderBy(g => g.Key).Select(g => (options.Kinds[g.Key].Name, g.ToList())).ToList();
    groups.Add(("all", samples));
    foreach (var (name, group) in groups)
    {
        var errors = group.Count(s => s.Error is not null);
        failed |= errors > 0;
        var sorted = group.Select(s => s.Milliseconds).Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {rate} | {achieved:F0} | {name} | {group.Count} | {errors} | {Percentile(sorted, 0.50):F1} | {Percentile(sorted, 0.99):F1} | {sorted[^1]:F1} |"));
    }

    foreach (var error in samples.Where(s => s.Error is not null).GroupBy(s => (s.Kind, s.Error)))
    {
        Console.WriteLine($"  errors at {rate}/s: {options.Kinds[error.Key.Kind].Name}: {error.Key.Error} x{error.Count()}");
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  (scheduler at {rate}/s: latest send {lag:F1} ms after its due time; counted in the latency)"));
}

return failed ? 1 : 0;

static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
