using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using VolumeBackup.Domain.Backups;
using VolumeBackup.IntegrationTests.Backups;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Api;

/// <summary>
/// Many malformed requests over every route against the real server, through raw sockets so that every byte is the
/// test's: no answer may be a 5xx, and every 4xx carries the spec's fault body.
/// </summary>
public sealed class HostileInputSweepTests(BackupServerFixture fixture) : IClassFixture<BackupServerFixture>
{
    private static readonly string[] Bodies =
    [
        "", "{", "}", "[]", "null", "0", "\"x\"", "{}", "{\"backup\": null}", "{\"volume\": []}", "{\"restore\": 1}",
        "{\"backup\": {\"volume_id\": \"\\ud800\"}}", "{\"backup\": {\"volume_id\": \"ID\", \"display_name\": \"\\udc00\"}}",
        "{\"backup\": {\"volume_id\": \"ID\", \"container\": \"\\ud800\"}}", "{\"restore\": {\"volume_id\": \"\\ud800\"}}",
        "{\"volume\": {\"size\": 1, \"display_name\": \"\\ud800\"}}", "{\"volume\": {\"size\": 1, \"metadata\": {\"\\ud800\": \"x\"}}}",
        "{\"backup\": null, \"backup\": {\"volume_id\": \"ID\"}}", "{\"volume\": {\"size\": 1, \"size\": 1}}",
        "{\"backup\": {\"volume_id\": 99999999999999999999999999}}", "{\"backup\": {\"volume_id\": 1e400}}",
        "{\"volume\": {\"size\": 1e400}}", "{\"volume\": {\"size\": -0}}", "{\"restore\": {\"volume_id\": -9223372036854775808}}",
        "{\"backup\": {\"volume_id\": \"ID\", \"container\": \"" + new string('c', 256) + "\"}}",
        "{\"backup\": {\"volume_id\": \"ID\", \"container\": \"" + new string('\u00e9', 128) + "\"}}",
        "{\"backup\": {\"volume_id\": \"ID\", \"container\": \"a/b\"}}", "{\"backup\": {\"volume_id\": \"ID\", \"container\": \"\\u0000\"}}",
        new string('[', 100) + new string(']', 100), "{\"a\": " + new string('[', 20) + new string(']', 20) + "}",
        "{\"volume\": {\"size\": 1, \"metadata\": {\"k\": {\"n\": 1}}}}", "\uFEFF{\"volume\": {\"size\": 1}}",
        "{\"volume\": {\"size\": 1}} trailing", "{\"volume\": {\"size\": 1},,}", "/* c */ {\"volume\": {\"size\": 1}}",
    ];

    private static readonly string[] ContentTypes =
    [
        "application/json", "application/jsonx", "text/json", "application/json; charset=utf-16", "application/xml", "text/plain",
        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ";;;", "application/json; charset=\"",
    ];

    private static readonly string[] Ids = ["0", "-1", "abc", "1e3", "99999999999999999999", "%00", "%ff", "%2F", "%C0%AF", "..", new string('9', 300)];

    [Fact]
    public async Task Thousands_of_malformed_requests_over_every_route_answer_no_5xx_and_faults_in_the_spec_format()
    {
        var api = fixture.NewTenant();
        var volumeId = await api.CreateVolumeAsync(1);
        var backupId = await BackupArrange.AddBackupAsync(fixture.Server, api.Tenant, volumeId, BackupStatus.Available);
        var token = fixture.Server.Tokens.Admin;
        var requests = BuildRequests(api.Tenant, volumeId, backupId, token, fixture.Server.Tokens.Demo).ToList();
        var failures = new ConcurrentBag<string>();

        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (request, _) =>
        {
            var response = await RawHttp.SendAsync(fixture.Server.BaseUrl, request.Bytes);
            var problem = request.ServerMayRefuseBare && response.Status == 400 && response.Body.Length == 0 ? null : Check(response);
            if (problem is not null)
            {
                failures.Add($"{Encoding.UTF8.GetString(request.Bytes).Split("\r\n")[0]} -> {response.Status}: {problem}");
            }
        });

        Assert.True(requests.Count >= 1500, $"only {requests.Count} requests");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {requests.Count} answers broke the rules:\n{string.Join("\n", failures.Take(40))}");
    }

    // 5xx never; 4xx always with {"<name>": {"message": ..., "code": <status>}}.
    private static string? Check(RawResponse response)
    {
        if (response.Status >= 500)
        {
            return "server error " + response.Body;
        }

        if (response.Status < 400)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(response.Body);
            var fault = document.RootElement.EnumerateObject().Single().Value;
            return fault.GetProperty("code").GetInt32() == response.Status && fault.GetProperty("message").GetString()!.Length > 0
                ? null
                : "fault body does not match: " + response.Body;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return "no fault body: " + response.Body;
        }
    }

    private static IEnumerable<SweepRequest> BuildRequests(string tenant, string volumeId, string backupId, string token, string demoToken)
    {
        const string host = "Host: localhost";
        foreach (var (method, route) in ApiRoutes.All)
        {
            var hasId = route.Contains('{', StringComparison.Ordinal);
            var realPath = route.Replace("{volume}", volumeId, StringComparison.Ordinal).Replace("{backup}", backupId, StringComparison.Ordinal)
                .Replace("{policy}", "999999998", StringComparison.Ordinal);
            foreach (var path in hasId ? [realPath, ApiRoutes.WithIds(route, "999999999")] : (string[])[realPath])
            {
                foreach (var request in FullBattery(tenant, method, path, host, token, demoToken, volumeId))
                {
                    yield return request;
                }
            }

            // Ids that name nothing or are not ids at all: the token, the method and the framing still hold.
            foreach (var id in hasId ? Ids : [])
            {
                // Kestrel refuses a NUL in the path before the application runs, with a bare 400.
                var bare = id == "%00";
                var target = $"/v1.1/{tenant}/{ApiRoutes.WithIds(route, id)}";
                yield return new(Request($"{method} {target} HTTP/1.1", host, $"X-Auth-Token: {token}"), bare);
                yield return new(Request($"{method} {target} HTTP/1.1", host), bare);
                yield return new(Request($"{method.ToLowerInvariant()} {target} HTTP/1.1", host, $"X-Auth-Token: {token}"), bare);
                yield return new(Request($"{method} {target} HTTP/1.1", host, $"X-Auth-Token: {token}", "Content-Type: text/plain"), bare);
                yield return new(Framed(method, target, host, token, "Transfer-Encoding: chunked", "ffffffffffffffffffff\r\n{}\r\n0\r\n\r\n"), bare);
            }
        }
    }

    private static IEnumerable<SweepRequest> FullBattery(
        string tenant, string method, string path, string host, string token, string demoToken, string volumeId)
    {
        var real = $"/v1.1/{tenant}/{path}";

        // Spellings of the path without a token, with a wrong one and with another tenant's.
        foreach (var spelling in ApiRoutes.Spellings(tenant, path))
        {
            yield return new(Request($"{method} {spelling} HTTP/1.1", host));
            yield return new(Request($"{method} {spelling} HTTP/1.1", host, "X-Auth-Token: not-a-token"));
            yield return new(Request($"{method} {spelling} HTTP/1.1", host, $"X-Auth-Token: {demoToken}"));
        }

        // Methods in other cases and methods no route has.
        foreach (var other in (string[])[method.ToLowerInvariant(), method[0] + method[1..].ToLowerInvariant(), "PUT", "PATCH", "OPTIONS", "TRACE", "FOO"])
        {
            yield return new(Request($"{other} {real} HTTP/1.1", host, $"X-Auth-Token: {token}"));
        }

        // Query strings that lists must refuse or ignore.
        foreach (var query in (string[])["?limit=0", "?limit=-1", "?limit=99999999999999999999", "?marker=abc", "?marker=999999999999", "?marker=%ff", "?all_tenants=%00", "?limit=1&limit=x", "?%zz"])
        {
            yield return new(Request($"{method} {real}{query} HTTP/1.1", host, $"X-Auth-Token: {token}"));
        }

        // Headers: XML wanted; content types on a request without a body.
        yield return new(Request($"{method} {real} HTTP/1.1", host, $"X-Auth-Token: {token}", "Accept: application/xml"));
        foreach (var contentType in ContentTypes)
        {
            yield return new(Request($"{method} {real} HTTP/1.1", host, $"X-Auth-Token: {token}", $"Content-Type: {contentType}"));
        }

        // Broken framing. Kestrel itself refuses bad Content-Length headers before the application runs, with a bare 400.
        yield return new(Framed(method, real, host, token, "Transfer-Encoding: chunked", "ffffffffffffffffffff\r\n{}\r\n0\r\n\r\n"));
        yield return new(Framed(method, real, host, token, "Transfer-Encoding: chunked", "zz\r\n{}\r\n0\r\n\r\n"));
        yield return new(Framed(method, real, host, token, "Transfer-Encoding: chunked", "2\r\n{}XX0\r\n\r\n"));
        yield return new(Framed(method, real, host, token, "Content-Length: -1", "{}"), ServerMayRefuseBare: true);
        yield return new(Framed(method, real, host, token, "Content-Length: 99999999999999999999", "{}"), ServerMayRefuseBare: true);

        if (method == "GET")
        {
            yield break;
        }

        // Malformed bodies, as UTF-8 JSON and as UTF-16 declared, plus invalid UTF-8 in a string.
        foreach (var body in Bodies)
        {
            var text = body.Replace("ID", volumeId, StringComparison.Ordinal);
            yield return new(WithBody(method, real, host, token, "application/json", Encoding.UTF8.GetBytes(text)));
            yield return new(WithBody(method, real, host, token, "application/json; charset=utf-16", Encoding.Unicode.GetBytes(text)));
        }

        foreach (var bad in (byte[][])[[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF]])
        {
            foreach (var root in (string[])["backup", "restore", "volume"])
            {
                var before = Encoding.UTF8.GetBytes($"{{\"{root}\": {{\"volume_id\": \"{volumeId}\", \"size\": 1, \"display_name\": \"a");
                yield return new(WithBody(method, real, host, token, "application/json", [.. before, .. bad, .. "\"}}"u8.ToArray()]));
            }
        }
    }

    private static byte[] Request(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\nConnection: close\r\n\r\n");

    private static byte[] Framed(string method, string target, string host, string token, string framing, string body) =>
        [.. Encoding.ASCII.GetBytes($"{method} {target} HTTP/1.1\r\n{host}\r\nX-Auth-Token: {token}\r\nContent-Type: application/json\r\n{framing}\r\nConnection: close\r\n\r\n"), .. Encoding.ASCII.GetBytes(body)];

    private static byte[] WithBody(string method, string target, string host, string token, string contentType, byte[] body) =>
        [.. Encoding.ASCII.GetBytes($"{method} {target} HTTP/1.1\r\n{host}\r\nX-Auth-Token: {token}\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"), .. body];

    /// <summary>One raw request; <paramref name="ServerMayRefuseBare"/> when Kestrel refuses it before the application runs.</summary>
    private sealed record SweepRequest(byte[] Bytes, bool ServerMayRefuseBare = false);
}
