using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VolumeBackup.Testing.ObjectStores;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of a real server (Swift) that injects faults per connection: canned 503s, resets
/// in the middle of a response, slow answers. Works for any client, real binaries included: point the client's
/// Swift auth and storage URLs at <see cref="Port"/> (the storage URL must be configured, since Swift's auth answer
/// names the real port).
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
    private int _connections;
    private int _faults;

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

    public int FaultsInjected => Volatile.Read(ref _faults);

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
            if (fault != TcpFault.None)
            {
                Interlocked.Increment(ref _faults);
            }

            var downstream = client.GetStream();
            if (fault == TcpFault.ServiceUnavailable)
            {
                await ReadRequestHeadAsync(downstream, ct);
                await downstream.WriteAsync(Unavailable, ct);
                return;
            }

            using var upstream = new TcpClient();
            await upstream.ConnectAsync(_target, ct);
            var server = upstream.GetStream();
            _ = ForwardRequestsAsync(downstream, server, upstream.Client, ct);
            var limit = fault == TcpFault.Reset ? ResetAfterBytes : long.MaxValue;
            await PumpResponsesAsync(server, downstream, limit, fault == TcpFault.Slow ? SlowDelay : TimeSpan.Zero, ct);
            if (fault == TcpFault.Reset)
            {
                client.Client.LingerState = new LingerOption(true, 0); // close with RST, as a crashed peer would
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

    private static async Task PumpResponsesAsync(Stream from, Stream to, long limit, TimeSpan delay, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        long passed = 0;
        int n;
        while (passed < limit && (n = await from.ReadAsync(buffer, ct)) > 0)
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, ct);
                delay = TimeSpan.Zero;
            }

            var allowed = (int)Math.Min(n, limit - passed);
            await to.WriteAsync(buffer.AsMemory(0, allowed), ct);
            passed += allowed;
        }
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
