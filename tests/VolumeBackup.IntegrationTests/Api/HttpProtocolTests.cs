using System.Net;
using System.Text;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Api;

/// <summary>HTTP itself: exact methods, HEAD, media types parsed as media types, broken framing and stalled bodies.</summary>
public sealed class HttpProtocolTests(SharedServerFixture fixture) : IClassFixture<SharedServerFixture>
{
    private TestServer Server => fixture.Server;

    [Theory]
    [InlineData("dElEtE")]
    [InlineData("delete")]
    [InlineData("Delete")]
    public async Task A_method_in_another_case_is_badMethod_and_deletes_nothing(string method)
    {
        using var demo = Server.CreateClient(Server.Tokens.Demo);
        var id = await CreateVolumeAsync(demo);

        var response = await RawHttp.SendAsync(Server.BaseUrl, method, $"/v1.1/demo/os-volumes/{id}", Server.Tokens.Demo, null);

        EndpointAuthenticationTests.AssertFault(response, 405, "badMethod", FaultMessages.MethodNotAllowed, method);
        await ApiAssert.OkJsonAsync(await demo.GetPathAsync($"v1.1/demo/os-volumes/{id}"));
    }

    [Theory]
    [InlineData("get", "/v1.1/demo/os-volumes")]
    [InlineData("post", "/v1.1/demo/os-volumes")]
    [InlineData("head", "/v1.1/demo/hp-volume-backups")]
    [InlineData("get", "/healthz")]
    public async Task Lower_case_methods_are_badMethod_on_every_kind_of_route(string method, string target)
    {
        var response = await RawHttp.SendAsync(Server.BaseUrl, method, target, Server.Tokens.Demo, method == "post" ? """{"volume": {"size": 1}}""" : null);

        EndpointAuthenticationTests.AssertFault(response, 405, "badMethod", FaultMessages.MethodNotAllowed, method);
    }

    [Theory]
    [InlineData("v1.1/demo/os-volumes")]
    [InlineData("v1.1/demo/os-volumes/detail")]
    [InlineData("v1.1/demo/hp-volume-backups")]
    [InlineData("v1.1/demo/hp-volume-backups/detail")]
    [InlineData("healthz")]
    public async Task Head_answers_like_get_without_a_body(string path)
    {
        using var demo = Server.CreateClient(Server.Tokens.Demo);

        using var response = await demo.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(path, UriKind.Relative)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Head_on_a_missing_volume_is_404_like_get()
    {
        using var demo = Server.CreateClient(Server.Tokens.Demo);

        using var response = await demo.SendAsync(
            new HttpRequestMessage(HttpMethod.Head, new Uri("v1.1/demo/os-volumes/999999999", UriKind.Relative)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/v1.1/demo/os-volumes", "text/plain", 200)]
    [InlineData("GET", "/v1.1/demo/hp-volume-backups", "application/octet-stream", 200)]
    [InlineData("GET", "/v1.1/demo/hp-volume-backups", "application/xml", 200)]
    [InlineData("DELETE", "/v1.1/demo/hp-volume-backups/999999999", "text/plain", 404)]
    [InlineData("DELETE", "/v1.1/demo/os-volumes/999999999", "application/x-load-tool", 404)]
    public async Task A_request_without_a_body_is_not_refused_for_its_content_type(string method, string target, string contentType, int expected)
    {
        var head = $"{method} {target} HTTP/1.1\r\nHost: x\r\nX-Auth-Token: {Server.Tokens.Demo}\r\nContent-Type: {contentType}";

        var response = await RawHttp.SendAsync(Server.BaseUrl, head);

        Assert.True(expected == response.Status, $"expected {expected}, got {response.Status}: {response.Body}");
    }

    [Theory]
    [InlineData("application/jsonx")]
    [InlineData("text/json")]
    [InlineData("application/json-patch+json")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=\"iso-8859-1\"")]
    [InlineData("text/plain; note=json")]
    [InlineData("json")]
    [InlineData("application/json;;;=")]
    public async Task A_body_in_a_type_that_only_looks_like_json_is_badMediaType_and_creates_nothing(string contentType)
    {
        var tenant = "t" + Guid.NewGuid().ToString("N")[..12];
        using var admin = Server.CreateClient(Server.Tokens.Admin);

        var response = await RawHttp.SendAsync(Server.BaseUrl, "POST", $"/v1.1/{tenant}/os-volumes", Server.Tokens.Admin,
            """{"volume": {"size": 1}}""", contentType);

        EndpointAuthenticationTests.AssertFault(response, 415, "badMediaType", FaultMessages.JsonContentTypeRequired, contentType);
        var list = await ApiAssert.OkJsonAsync(await admin.GetPathAsync($"v1.1/{tenant}/os-volumes"));
        Assert.Empty(list.GetProperty("volumes").EnumerateArray());
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON; Charset=\"UTF-8\"")]
    [InlineData("application/json;charset=utf8")]
    public async Task Json_in_utf8_in_any_spelling_is_accepted(string contentType)
    {
        var response = await RawHttp.SendAsync(Server.BaseUrl, "POST", "/v1.1/demo/os-volumes", Server.Tokens.Demo,
            """{"volume": {"size": 1}}""", contentType);

        Assert.True(response.Status == 200, $"{contentType}: got {response.Status}: {response.Body}");
    }

    [Theory]
    [InlineData("POST", "/v1.1/demo/os-volumes")]
    [InlineData("GET", "/v1.1/demo/os-volumes")]
    [InlineData("POST", "/v1.1/demo/hp-volume-backups")]
    public async Task A_chunk_size_that_overflows_is_a_client_error_with_a_fault_body(string method, string target)
    {
        var head = $"{method} {target} HTTP/1.1\r\nHost: x\r\nX-Auth-Token: {Server.Tokens.Demo}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked";

        var response = await RawHttp.SendAsync(Server.BaseUrl, head, Encoding.ASCII.GetBytes("ffffffffffffffffffff\r\n{\"volume\": {}}\r\n0\r\n\r\n"));

        EndpointAuthenticationTests.AssertFault(response, 400, "badRequest", FaultMessages.IncorrectBodyFormat, target);
    }

    [Fact]
    public async Task A_body_that_stalls_is_requestTimeout_not_badRequest()
    {
        var head = $"POST /v1.1/demo/os-volumes HTTP/1.1\r\nHost: x\r\nX-Auth-Token: {Server.Tokens.Demo}\r\nContent-Type: application/json\r\nContent-Length: 100";

        // 10 of the 100 bytes promised, then nothing: Kestrel's minimum data rate (240 B/s after a 5 s grace) trips.
        var response = await RawHttp.SendAsync(Server.BaseUrl, head, Encoding.ASCII.GetBytes("{\"volume\":"), TimeSpan.FromSeconds(30));

        EndpointAuthenticationTests.AssertFault(response, 408, "requestTimeout", "The request body was not received in time.", "stalled body");
    }

    private static async Task<string> CreateVolumeAsync(HttpClient client)
    {
        var body = await ApiAssert.OkJsonAsync(await client.PostRawAsync("v1.1/demo/os-volumes", """{"volume": {"size": 1}}"""));
        return body.GetProperty("volume").GetProperty("id").GetString()!;
    }
}
