using System.Net;

namespace VolumeBackup.Testing.ObjectStores;

/// <summary>
/// An HTTP handler between a driver and the real server that injects faults chosen per request (503s, resets, broken
/// bodies, slow answers, damaged uploads) and forwards everything else. Counts requests and faults for assertions.
/// </summary>
public sealed class FaultInjectingHandler : DelegatingHandler
{
    private readonly Func<HttpRequestMessage, int, HttpFault> _choose;
    private int _requests;
    private int _faults;

    /// <param name="choose">Picks the fault for a request, given the request and its 1-based number.</param>
    public FaultInjectingHandler(Func<HttpRequestMessage, int, HttpFault> choose)
        : base(new SocketsHttpHandler { MaxConnectionsPerServer = 32, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(4) }) =>
        _choose = choose;

    public TimeSpan SlowDelay { get; init; } = TimeSpan.FromSeconds(5);

    public int Requests => Volatile.Read(ref _requests);

    public int FaultsInjected => Volatile.Read(ref _faults);

    /// <summary>Requests seen, by method and path, for assertions such as "the PUT was sent once".</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Log { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var number = Interlocked.Increment(ref _requests);
        Log.Enqueue($"{request.Method} {request.RequestUri!.AbsolutePath}");
        var fault = _choose(request, number);
        if (fault != HttpFault.None)
        {
            Interlocked.Increment(ref _faults);
        }

        switch (fault)
        {
            case HttpFault.ServiceUnavailable:
                return Canned(request, HttpStatusCode.ServiceUnavailable);
            case HttpFault.TooManyRequests:
                return Canned(request, HttpStatusCode.TooManyRequests);
            case HttpFault.InsufficientStorage:
                return Canned(request, HttpStatusCode.InsufficientStorage);
            case HttpFault.ResetBeforeResponse:
                throw new HttpRequestException("Injected fault: connection reset.", new IOException("Connection reset by peer"));
            case HttpFault.Slow:
                await Task.Delay(SlowDelay, cancellationToken);
                break;
            case HttpFault.CorruptRequestBody when request.Content is not null:
                request.Content = await CopyAsync(request.Content, corrupt: true, cancellationToken);
                break;
            case HttpFault.ResetMidBody when request.Content?.Headers.ContentLength > 1:
                var length = request.Content.Headers.ContentLength!.Value;
                request.Content = new StreamContent(new BreakingStream(await request.Content.ReadAsStreamAsync(cancellationToken), length / 2));
                request.Content.Headers.ContentLength = length;
                break;
            default:
                break;
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (fault == HttpFault.ResetMidBody && request.Method != HttpMethod.Put && response.Content.Headers.ContentLength > 1)
        {
            var length = response.Content.Headers.ContentLength!.Value;
            var headers = response.Content.Headers.ToList();
            var broken = new StreamContent(new BreakingStream(await response.Content.ReadAsStreamAsync(cancellationToken), length / 2));
            foreach (var (name, values) in headers)
            {
                broken.Headers.TryAddWithoutValidation(name, values);
            }

            response.Content = broken;
        }

        return response;
    }

    private static HttpResponseMessage Canned(HttpRequestMessage request, HttpStatusCode status) =>
        new(status) { RequestMessage = request, Content = new StringContent("Injected fault.") };

    private static async Task<HttpContent> CopyAsync(HttpContent content, bool corrupt, CancellationToken ct)
    {
        var bytes = await content.ReadAsByteArrayAsync(ct);
        if (corrupt && bytes.Length > 0)
        {
            bytes[bytes.Length / 2] ^= 0xFF;
        }

        var copy = new ByteArrayContent(bytes);
        foreach (var (name, values) in content.Headers)
        {
            copy.Headers.TryAddWithoutValidation(name, values);
        }

        return copy;
    }
}
