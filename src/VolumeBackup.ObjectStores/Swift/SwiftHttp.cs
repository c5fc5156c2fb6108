using System.Text;

namespace VolumeBackup.ObjectStores.Swift;

/// <summary>The HTTP stack for Swift: one pooled handler per provider, shared by every account and container.</summary>
internal static class SwiftHttp
{
    public static SocketsHttpHandler CreateHandler(int maxConnections) => new()
    {
        // Parallel uploads and ranged reads each need their own HTTP/1.1 connection.
        MaxConnectionsPerServer = Math.Max(1, maxConnections),
        // Swift's WSGI server drops idle keep-alive connections after a few seconds; close ours first rather than
        // send a request on a connection the server is closing.
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(4),
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        // Metadata values (a volume's display name) may be any UTF-8; Swift stores the header bytes as they come.
        RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8,
        ResponseHeaderEncodingSelector = (_, _) => Encoding.UTF8,
    };

    public static HttpClient CreateClient(HttpMessageHandler? handler, int maxConnections) =>
        handler is null
            ? new HttpClient(CreateHandler(maxConnections), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan }
            : new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
}
