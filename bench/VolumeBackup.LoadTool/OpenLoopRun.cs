using System.Diagnostics;

namespace VolumeBackup.LoadTool;

/// <summary>One request's outcome: its kind, latency from its due time, and whether it failed (and how).</summary>
internal readonly record struct Sample(int Kind, double Milliseconds, string? Error);

/// <summary>
/// Sends requests at a fixed rate without waiting for answers (open loop). A single scheduler wakes up at each due
/// time (or as soon as the timer lets it, about a millisecond) and starts every request due by then; each request's latency runs from its
/// due time, not from when it was actually sent, so a late scheduler or a full connection pool counts against the
/// server's latency rather than quietly lowering the rate (no coordinated omission).
/// </summary>
internal sealed class OpenLoopRun(HttpClient client, IReadOnlyList<RequestKind> kinds)
{
    public async Task<(List<Sample> Samples, double AchievedRate, double MaxSendLagMs)> RunAsync(int rate, TimeSpan duration)
    {
        var total = (long)(rate * duration.TotalSeconds);
        var tasks = new List<Task<Sample>>((int)total);
        var clock = Stopwatch.StartNew();
        var ticksPerRequest = (double)Stopwatch.Frequency / rate;
        double maxLag = 0;
        long next = 0;
        while (next < total)
        {
            // Start every request that is due by now; never one early. No spinning: the server shares the machine.
            var now = clock.ElapsedTicks;
            while (next < total && (long)(next * ticksPerRequest) <= now)
            {
                var due = (long)(next * ticksPerRequest);
                maxLag = Math.Max(maxLag, (now - due) * 1000.0 / Stopwatch.Frequency);
                tasks.Add(SendAsync((int)(next % kinds.Count), clock, due));
                next++;
            }

            if (next < total)
            {
                var wait = (long)(next * ticksPerRequest) - clock.ElapsedTicks;
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1.0, wait * 1000.0 / Stopwatch.Frequency)));
            }
        }

        var sentIn = clock.Elapsed.TotalSeconds;
        var samples = await Task.WhenAll(tasks);
        return ([.. samples], total / sentIn, maxLag);
    }

    private async Task<Sample> SendAsync(int kind, Stopwatch clock, long due)
    {
        await Task.Yield(); // the scheduler goes on at once; the request runs on the pool
        try
        {
            using var response = await client.GetAsync(kinds[kind].Path, HttpCompletionOption.ResponseHeadersRead);
            await response.Content.CopyToAsync(Stream.Null);
            var error = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
            return new Sample(kind, Since(clock, due), error);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return new Sample(kind, Since(clock, due), e.GetType().Name);
        }
    }

    private static double Since(Stopwatch clock, long due) => (clock.ElapsedTicks - due) * 1000.0 / Stopwatch.Frequency;
}
