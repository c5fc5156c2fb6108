using System.Net;
using System.Text;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Api;

/// <summary>Bad input gets a clear fault and changes nothing. Each test uses its own tenant, so "nothing changed" is exact.</summary>
public sealed class BadRequestTests(SharedServerFixture fixture) : IClassFixture<SharedServerFixture>
{
    private TestServer Server => fixture.Server;

    [Theory]
    [InlineData("{\"volume\": {\"size\": 1")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("\"volume\"")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("{\"volume\": 1}")]
    [InlineData("{\"volume\": [1]}")]
    [InlineData("")]
    [InlineData("{\"volume\": {\"size\": 1, \"display_name\": \"\\ud800\"}}")]
    [InlineData("{\"volume\": {\"size\": \"\\udc00\"}}")]
    [InlineData("{\"volume\": {\"size\": 1, \"metadata\": {\"\\ud800\": \"v\"}}}")]
    [InlineData("{\"volume\": {\"size\": 1, \"metadata\": {\"k\": \"\\ud800\"}}}")]
    [InlineData("{\"volume\": {\"size\": 1, \"availability_zone\": \"\\udfff\"}}")]
    [InlineData("{\"volume\": null, \"volume\": {\"size\": 1}}")]
    [InlineData("{\"volume\": {\"size\": 1, \"size\": 2}}")]
    [InlineData("{\"volume\": {\"size\": 1, \"metadata\": {\"k\": \"a\", \"k\": \"b\"}}}")]
    public async Task A_body_that_is_not_a_volume_object_is_badRequest_and_creates_nothing(string body)
    {
        using var admin = Server.CreateClient(Server.Tokens.Admin);
        var tenant = NewTenant();

        var response = await admin.PostRawAsync($"v1.1/{tenant}/os-volumes", body);

        await ApiAssert.FaultAsync(response, HttpStatusCode.BadRequest, "badRequest", FaultMessages.IncorrectBodyFormat);
        await AssertNoVolumesAsync(admin, tenant);
    }

    [Theory]
    [InlineData("{\"size\": \"abc\"}", "size")]
    [InlineData("{\"size\": -1}", "size")]
    [InlineData("{\"size\": 0}", "size")]
    [InlineData("{\"size\": 1.5}", "size")]
    [InlineData("{\"size\": true}", "size")]
    [InlineData("{\"size\": 99999999999999}", "size")]
    [InlineData("{\"size\": 20000}", "size")]
    [InlineData("{}", "size")]
    [InlineData("{\"size\": 1, \"display_name\": 5}", "display_name")]
    [InlineData("{\"size\": 1, \"display_description\": {}}", "display_description")]
    [InlineData("{\"size\": 1, \"metadata\": {\"a\": 1}}", "metadata")]
    [InlineData("{\"size\": 1, \"metadata\": \"x\"}", "metadata")]
    [InlineData("{\"size\": 1, \"availability_zone\": \"az-9\"}", "availability_zone")]
    [InlineData("{\"size\": 1, \"snapshot_id\": \"3\"}", "snapshot_id")]
    public async Task A_field_of_the_wrong_type_or_value_is_badRequest_naming_it_and_creates_nothing(string volume, string field)
    {
        using var admin = Server.CreateClient(Server.Tokens.Admin);
        var tenant = NewTenant();

        var response = await admin.PostRawAsync($"v1.1/{tenant}/os-volumes", "{\"volume\": " + volume + "}");

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"badRequest\"", body, StringComparison.Ordinal);
        Assert.Contains($"'{field}'", body, StringComparison.Ordinal);
        await AssertNoVolumesAsync(admin, tenant);
    }

    [Fact]
    public async Task Unknown_fields_and_nulls_that_clients_send_are_ignored_and_size_may_be_a_string()
    {
        using var admin = Server.CreateClient(Server.Tokens.Admin);

        var body = await ApiAssert.OkJsonAsync(await admin.PostRawAsync($"v1.1/{NewTenant()}/os-volumes",
            """{"volume": {"size": "2", "imageRef": null, "volume_type": null, "whatever": [1, {"x": true}], "display_name": null,},}"""));

        Assert.Equal(2, body.GetProperty("volume").GetProperty("size").GetInt32());
    }

    [Fact]
    public async Task Invalid_utf8_inside_a_json_string_is_badRequest_and_creates_nothing()
    {
        using var admin = Server.CreateClient(Server.Tokens.Admin);
        var tenant = NewTenant();
        var json = Encoding.UTF8.GetBytes("{\"volume\": {\"size\": 1, \"display_name\": \"a#b\"}}");
        json[Array.IndexOf(json, (byte)'#')] = 0xC3; // a lead byte followed by no continuation byte
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await admin.PostAsync(new Uri($"v1.1/{tenant}/os-volumes", UriKind.Relative), content, TestContext.Current.CancellationToken);

        await ApiAssert.FaultAsync(response, HttpStatusCode.BadRequest, "badRequest", FaultMessages.IncorrectBodyFormat);
        await AssertNoVolumesAsync(admin, tenant);
    }

    [Fact]
    public async Task The_spec_example_curl_body_without_a_content_type_is_read_as_json()
    {
        using var admin = Server.CreateClient(Server.Tokens.Admin);

        var response = await admin.PostRawAsync($"v1.1/{NewTenant()}/os-volumes", """{"volume": {"size": 1}}""",
            "application/x-www-form-urlencoded");

        await ApiAssert.OkJsonAsync(response);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_badRequest_and_creates_nothing()
    {
        using var admin = Server.CreateClient(Server.Tokens.Admin);
        var tenant = NewTenant();
        var padding = new string(' ', 70 * 1024);

        var response = await admin.PostRawAsync($"v1.1/{tenant}/os-volumes", "{\"volume\": {\"size\": 1}}" + padding);

        await ApiAssert.FaultAsync(response, HttpStatusCode.BadRequest, "badRequest", FaultMessages.BodyTooLarge(64 * 1024));
        await AssertNoVolumesAsync(admin, tenant);
    }

    [Fact]
    public async Task An_xml_body_is_refused_as_not_supported()
    {
        using var admin = Server.CreateClient(Server.Tokens.Admin);

        var response = await admin.PostRawAsync($"v1.1/{NewTenant()}/os-volumes", "<volume size=\"1\"/>", "application/xml");

        await ApiAssert.FaultAsync(response, HttpStatusCode.UnsupportedMediaType, "badMediaType", FaultMessages.XmlNotSupported);
    }

    [Fact]
    public async Task Asking_for_xml_answers_is_refused_as_not_supported()
    {
        using var admin = Server.CreateClient(null);
        admin.DefaultRequestHeaders.Clear();
        admin.DefaultRequestHeaders.Add("X-Auth-Token", Server.Tokens.Admin);
        admin.DefaultRequestHeaders.Add("Accept", "application/xml");

        var response = await admin.GetPathAsync($"v1.1/{NewTenant()}/os-volumes");

        await ApiAssert.FaultAsync(response, HttpStatusCode.UnsupportedMediaType, "badMediaType", FaultMessages.XmlNotSupported);
    }

    [Fact]
    public async Task A_body_in_another_media_type_is_refused_with_415()
    {
        using var admin = Server.CreateClient(Server.Tokens.Admin);

        var response = await admin.PostRawAsync($"v1.1/{NewTenant()}/os-volumes", "size=1", "text/plain");

        await ApiAssert.FaultAsync(response, HttpStatusCode.UnsupportedMediaType, "badMediaType", FaultMessages.JsonContentTypeRequired);
    }

    [Theory]
    [InlineData("v1.1/demo/nothing-here")]
    [InlineData("v1.1/demo/os-volumes/1/extra")]
    [InlineData("v1.1/demo")]
    public async Task An_unknown_route_under_the_api_is_itemNotFound(string path)
    {
        using var client = Server.CreateClient(Server.Tokens.Demo);

        var response = await client.GetPathAsync(path);

        await ApiAssert.FaultAsync(response, HttpStatusCode.NotFound, "itemNotFound", FaultMessages.ResourceNotFound);
    }

    [Fact]
    public async Task A_wrong_method_is_badMethod()
    {
        using var client = Server.CreateClient(Server.Tokens.Demo);

        var response = await client.PutAsync(new Uri("v1.1/demo/os-volumes", UriKind.Relative),
            new StringContent("{}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        await ApiAssert.FaultAsync(response, HttpStatusCode.MethodNotAllowed, "badMethod", FaultMessages.MethodNotAllowed);
    }

    private static string NewTenant() => "t" + Guid.NewGuid().ToString("N")[..12];

    private static async Task AssertNoVolumesAsync(HttpClient admin, string tenant)
    {
        var list = await ApiAssert.OkJsonAsync(await admin.GetPathAsync($"v1.1/{tenant}/os-volumes"));
        Assert.Empty(list.GetProperty("volumes").EnumerateArray());
    }
}
