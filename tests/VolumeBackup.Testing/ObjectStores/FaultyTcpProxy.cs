using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VolumeBackup.Testing.ObjectStores;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of a real server (Swift) that injects faults per connection: canned 503s, resets
/// in the middle of a response, slow answers. Works for any client, real binaries included: point the client's
/// Swift auth and storage URLs at <see cref="Port"/> (the storage URL must be configured, since Swift's auth answer
/// names the real port). <see cref="Fired"/> counts the faults that really happened, not those assigned: a reset
/// assigned to a connection whose responses stay under <see cref="ResetAfterBytes"/> never fires.
/// </summary>
public sealed class FaultyTcpProxy : IAsyncDisposable
{
    private static readonly byte[] Unavailable = Encoding.ASCII.GetBytes(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 16\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nInjected fault.\n");

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly Func<int, TcpFault> _choose;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly int[] _fired = new int[Enum.GetValues<TcpFault>().Length];
    private int _connections;

    /// <param name="target">The real server, e.g. 127.0.0.1:8080.</param>
    /// <param name="choose">Picks the fault for a connection, given its 1-based number.</param>
    public FaultyTcpProxy(IPEndPoint target, Func<int, TcpFault> choose)
    {
        _target = target;
        _choose = choose;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Faults that happened: 503s sent, resets sent mid-response, responses held back.</summary>
    public int FaultsInjected => Fired(TcpFault.ServiceUnavailable) + Fired(TcpFault.Reset) + Fired(TcpFault.Slow);

    /// <summary>How many times <paramref name="fault"/> happened: a 503 written, a reset sent after
    /// <see cref="ResetAfterBytes"/> response bytes, a response held back for <see cref="SlowDelay"/>.</summary>
    public int Fired(TcpFault fault) => Volatile.Read(ref _fired[(int)fault]);

    public long ResetAfterBytes { get; init; } = 64 * 1024;

    public TimeSpan SlowDelay { get; init; } = TimeSpan.FromSeconds(5);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // stopping
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var number = Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeAsync(client, _choose(number)));
        }
    }

    private async Task ServeAsync(TcpClient client, TcpFault fault)
    {
        using var connection = client;
        var ct = _stop.Token;
        try
        {
            var downstream = client.GetStream();
            if (fault == TcpFault.ServiceUnavailable)
            {
                await ReadRequestHeadAsync(downstream, ct);
                await downstream.WriteAsync(Unavailable, ct);
                Interlocked.Increment(ref _fired[(int)TcpFault.ServiceUnavailable]);
                return;
            }

            using var upstream = new TcpClient();
            await upstream.ConnectAsync(_target, ct);
            var server = upstream.GetStream();
            _ = ForwardRequestsAsync(downstream, server, upstream.Client, ct);
            var limit = fault == TcpFault.Reset ? ResetAfterBytes : long.MaxValue;
            var delay = fault == TcpFault.Slow ? SlowDelay : TimeSpan.Zero;
            var passed = await PumpResponsesAsync(server, downstream, limit, delay, () => Interlocked.Increment(ref _fired[(int)TcpFault.Slow]), ct);
            if (passed >= limit)
            {
                // The response was cut at the limit: close with RST, as a crashed peer would. Shorter responses
                // ended normally, so no reset happened on this connection.
                client.Client.LingerState = new LingerOption(true, 0);
                Interlocked.Increment(ref _fired[(int)TcpFault.Reset]);
            }

            // The server closed (or the reset is due): closing the client's side ends the connection as a whole.
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // the client or server went away: nothing to do for a test proxy
        }
    }

    /// <summary>Client -> server; when the client stops sending, the server is told so (and then closes its side).</summary>
    private static async Task ForwardRequestsAsync(Stream from, Stream to, Socket upstream, CancellationToken ct)
    {
        try
        {
            await from.CopyToAsync(to, ct);
            upstream.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // either side went away
        }
    }

    /// <summary>Server -> client until the server closes or <paramref name="limit"/> bytes passed; returns the bytes passed.</summary>
    private static async Task<long> PumpResponsesAsync(Stream from, Stream to, long limit, TimeSpan delay, Action stalled, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        long passed = 0;
        int n;
        while (passed < limit && (n = await from.ReadAsync(buffer, ct)) > 0)
        {
            if (delay > TimeSpan.Zero)
            {
                stalled();
                await Task.Delay(delay, ct);
                delay = TimeSpan.Zero;
            }

            var allowed = (int)Math.Min(n, limit - passed);
            await to.WriteAsync(buffer.AsMemory(0, allowed), ct);
            passed += allowed;
        }

        return passed;
    }

    private static async Task ReadRequestHeadAsync(Stream stream, CancellationToken ct)
    {
        var seen = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one, ct) == 1)
        {
            seen.Add(one[0]);
            if (seen.Count >= 4 && seen[^4] == '\r' && seen[^3] == '\n' && seen[^2] == '\r' && seen[^1] == '\n')
            {
                return;
            }
        }
    }
}
