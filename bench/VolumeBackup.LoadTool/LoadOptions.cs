using System.Globalization;

namespace VolumeBackup.LoadTool;

/// <summary>A request kind of the mix: a name for the report and the path (with query) it asks for.</summary>
internal sealed record RequestKind(string Name, string Path);

/// <summary>The command line: where to send, at which rates, for how long, which mix of requests.</summary>
internal sealed record LoadOptions(
    Uri BaseUrl, string? Token, IReadOnlyList<int> Rates, TimeSpan Duration, TimeSpan Warmup, IReadOnlyList<RequestKind> Kinds,
    int Connections, TimeSpan Timeout)
{
    public const string Usage = """
        usage: VolumeBackup.LoadTool --url http://127.0.0.1:8774 [--token TOKEN] --rates 200,500,1000 [--duration 25]
               [--warmup 5] [--connections 512] [--timeout 10] --request name=/path?query [--request ...]
        Sends the requests round-robin at each fixed rate (requests per second, all kinds together) for --duration
        seconds after --warmup seconds at the first rate (not reported), and prints p50/p99/max latency and errors per
        rate and kind. Open loop: request i is due at start + i/rate whether or not earlier ones have answered, and its
        latency is measured from that due time, so a stalled server shows as latency, not as fewer requests.
        """;

    public static LoadOptions Parse(string[] args)
    {
        Uri? url = null;
        string? token = null;
        var rates = new List<int>();
        var duration = 25.0;
        var warmup = 5.0;
        var connections = 512;
        var timeout = 10.0;
        var kinds = new List<RequestKind>();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--url": url = new Uri(value.TrimEnd('/') + "/"); break;
                case "--token": token = value; break;
                case "--rates": rates.AddRange(value.Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture))); break;
                case "--duration": duration = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--connections": connections = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--timeout": timeout = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--request":
                    var at = value.IndexOf('=', StringComparison.Ordinal);
                    if (at <= 0)
                    {
                        throw new ArgumentException($"--request wants name=/path, not {value}");
                    }

                    kinds.Add(new RequestKind(value[..at], value[(at + 1)..].TrimStart('/')));
                    break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }

            i++;
        }

        if (url is null || rates.Count == 0 || kinds.Count == 0 || rates.Any(r => r <= 0))
        {
            throw new ArgumentException("--url, --rates (positive) and at least one --request are required");
        }

        return new LoadOptions(url, token, rates, TimeSpan.FromSeconds(duration), TimeSpan.FromSeconds(warmup), kinds, connections,
            TimeSpan.FromSeconds(timeout));
    }
}
