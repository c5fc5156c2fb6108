using System.Net;
using System.Text.Json;
using VolumeBackup.IntegrationTests.Api;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Cinder;

/// <summary>
/// Version discovery and microversions as the OpenStack clients use them: cinderclient reads <c>GET /</c> before every
/// command and openstacksdk <c>GET /v3</c>, both without a token; a microversion outside the advertised range is a 406.
/// </summary>
public sealed class CinderVersionTests(SharedServerFixture fixture) : IClassFixture<SharedServerFixture>
{
    private TestServer Server => fixture.Server;

    [Theory]
    [InlineData("/", HttpStatusCode.MultipleChoices)]
    [InlineData("/v3", HttpStatusCode.OK)]
    [InlineData("/v3/", HttpStatusCode.OK)]
    public async Task Discovery_needs_no_token_and_has_every_field_the_clients_read(string path, HttpStatusCode expected)
    {
        using var anonymous = Server.CreateClient(token: null);

        var response = await anonymous.GetAsync(path.TrimStart('/'), TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
        var version = Assert.Single(JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .RootElement.GetProperty("versions").EnumerateArray());
        Assert.Equal("v3.0", version.GetProperty("id").GetString());
        Assert.Equal("CURRENT", version.GetProperty("status").GetString());
        Assert.Equal("3.0", version.GetProperty("min_version").GetString());
        Assert.Matches(@"^3\.\d+$", version.GetProperty("version").GetString());
        var self = version.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("rel").GetString() == "self");
        Assert.Equal(Server.BaseUrl.TrimEnd('/') + "/v3/", self.GetProperty("href").GetString());
    }

    [Theory]
    [InlineData("OpenStack-API-Version", "volume 3.0", "volume 3.0")]
    [InlineData("OpenStack-API-Version", "compute 2.1, volume 3.0", "volume 3.0")]
    [InlineData("OpenStack-API-Version", "VOLUME 3.0", "volume 3.0")]
    [InlineData("X-OpenStack-Volume-API-Version", "3.0", "volume 3.0")]
    [InlineData("OpenStack-API-Version", "compute 2.1", "volume 3.0")]
    public async Task The_negotiated_version_is_named_in_the_response(string header, string value, string answered)
    {
        var response = await SendAsync(header, value);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode); // an unknown backup: the route itself answered
        Assert.Equal(answered, string.Join(",", response.Headers.GetValues("OpenStack-API-Version")));
        Assert.Contains("OpenStack-API-Version", response.Headers.Vary);
    }

    [Fact]
    public async Task Latest_is_the_advertised_maximum()
    {
        using var anonymous = Server.CreateClient(token: null);
        var max = JsonDocument.Parse(await anonymous.GetStringAsync("v3", TestContext.Current.CancellationToken))
            .RootElement.GetProperty("versions")[0].GetProperty("version").GetString();

        var response = await SendAsync("OpenStack-API-Version", "volume latest");

        Assert.Equal($"volume {max}", string.Join(",", response.Headers.GetValues("OpenStack-API-Version")));
    }

    [Theory]
    [InlineData("volume 3.999")]
    [InlineData("volume 2.0")]
    [InlineData("volume 4.0")]
    public async Task A_version_out_of_range_is_406_with_the_range_in_the_message(string value)
    {
        var response = await SendAsync("OpenStack-API-Version", value);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        var fault = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .RootElement.GetProperty("computeFault");
        Assert.Equal(406, fault.GetProperty("code").GetInt32());
        Assert.StartsWith($"Version {value[7..]} is not supported by the API. Minimum is 3.0 and maximum is 3.", fault.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("volume 3")]
    [InlineData("volume three")]
    [InlineData("volume 3.1.1")]
    public async Task A_malformed_version_is_400(string value)
    {
        var response = await SendAsync("OpenStack-API-Version", value);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is of invalid format", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Project_less_paths_do_not_exist_below_3_67()
    {
        var response = await SendAsync("OpenStack-API-Version", "volume 3.0", "v3/backups/detail");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(string header, string value, string path = "v3/demo/backups/00000000-0000-0000-0000-000000000000")
    {
        using var demo = Server.CreateClient(Server.Tokens.Demo);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation(header, value);
        return await demo.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
