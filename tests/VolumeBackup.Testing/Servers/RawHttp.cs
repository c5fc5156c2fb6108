using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace VolumeBackup.Testing.Servers;

/// <summary>An HTTP/1.1 answer read off a raw socket: status, headers (names lower-cased) and the decoded body.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// Sends exact bytes over a TCP socket, for requests HttpClient will not send: lower-case methods, percent-encoded
/// paths kept as written, broken chunked framing, bodies that stall. Every request closes its connection.
/// </summary>
public static class RawHttp
{
    /// <summary>Sends <paramref name="head"/> (request line and headers, CRLF-separated, without the blank line) and <paramref name="body"/>.</summary>
    public static Task<RawResponse> SendAsync(string baseUrl, string head, byte[]? body = null, TimeSpan? timeout = null) =>
        SendAsync(baseUrl, Encoding.ASCII.GetBytes(head.TrimEnd('\r', '\n') + "\r\nConnection: close\r\n\r\n").Concat(body ?? []).ToArray(), timeout);

    /// <summary>A request line plus Host, X-Auth-Token (when given), Content-Length and the body as UTF-8.</summary>
    public static Task<RawResponse> SendAsync(string baseUrl, string method, string target, string? token, string? body, string? contentType = "application/json")
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"{method} {target} HTTP/1.1\r\nHost: {new Uri(baseUrl).Authority}\r\n");
        if (token is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"X-Auth-Token: {token}\r\n");
        }

        var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        if (body is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Length: {bytes.Length}\r\n");
            if (contentType is not null)
            {
                head.Append(CultureInfo.InvariantCulture, $"Content-Type: {contentType}\r\n");
            }
        }

        return SendAsync(baseUrl, head.ToString(), bytes);
    }

    /// <summary>Sends <paramref name="request"/> as is and reads the answer until the server closes the connection.</summary>
    public static async Task<RawResponse> SendAsync(string baseUrl, byte[] request, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = new Uri(baseUrl);
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        using var client = new TcpClient();
        await client.ConnectAsync(uri.Host, uri.Port, cts.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(request, cts.Token);
        using var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, cts.Token);
        }
        catch (IOException) when (received.Length > 0)
        {
            // the server reset the connection after answering: the answer is complete
        }

        return Parse(received.ToArray());
    }

    private static RawResponse Parse(byte[] raw)
    {
        var end = raw.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            throw new InvalidDataException($"No complete HTTP answer: '{Encoding.UTF8.GetString(raw)}'");
        }

        var lines = Encoding.ASCII.GetString(raw, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }

        var body = raw[(end + 4)..];
        var chunked = headers.GetValueOrDefault("transfer-encoding") == "chunked";
        return new RawResponse(status, headers, Encoding.UTF8.GetString(chunked ? Unchunk(body) : body));
    }

    private static byte[] Unchunk(byte[] body)
    {
        using var result = new MemoryStream();
        var at = 0;
        while (true)
        {
            var lineEnd = at + body.AsSpan(at).IndexOf("\r\n"u8);
            var size = int.Parse(Encoding.ASCII.GetString(body, at, lineEnd - at), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                return result.ToArray();
            }

            result.Write(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
