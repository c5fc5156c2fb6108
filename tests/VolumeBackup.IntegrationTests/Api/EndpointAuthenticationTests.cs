using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Server.Identity;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Api;

/// <summary>
/// The token check belongs to the matched endpoint, not to a spelling of the path: every route, reached by any case of
/// the API root or with percent-encoded segments, answers 401 without a token and 403 for another tenant.
/// </summary>
public sealed class EndpointAuthenticationTests(SharedServerFixture fixture) : IClassFixture<SharedServerFixture>
{
    private TestServer Server => fixture.Server;

    public static TheoryData<string, string> Routes()
    {
        var data = new TheoryData<string, string>();
        foreach (var (method, path) in ApiRoutes.All)
        {
            data.Add(method, path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_spelling_of_every_route_without_a_token_is_401_with_a_challenge(string method, string path)
    {
        foreach (var target in ApiRoutes.Spellings("demo", ApiRoutes.WithIds(path, "1")))
        {
            var response = await RawHttp.SendAsync(Server.BaseUrl, method, target, token: null, method == "POST" ? "{}" : null);

            AssertFault(response, 401, "unauthorized", FaultMessages.AuthenticationRequired, $"{method} {target}");
            Assert.Equal(HttpFaultsChallenge, response.Headers.GetValueOrDefault("www-authenticate"));
        }
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_spelling_of_every_route_for_another_tenant_is_403(string method, string path)
    {
        foreach (var target in ApiRoutes.Spellings("admin", ApiRoutes.WithIds(path, "1")))
        {
            var response = await RawHttp.SendAsync(Server.BaseUrl, method, target, Server.Tokens.Demo, method == "POST" ? "{}" : null);

            AssertFault(response, 403, "forbidden", FaultMessages.TenantMismatch("admin"), $"{method} {target}");
        }
    }

    [Fact]
    public async Task A_case_variant_of_the_root_with_a_valid_token_acts_on_the_tokens_tenant()
    {
        var response = await RawHttp.SendAsync(Server.BaseUrl, "GET", "/V1.1/demo/hp-volume-backups", Server.Tokens.Demo, null);

        Assert.Equal(200, response.Status);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(response.Body).RootElement.GetProperty("backups").ValueKind);
    }

    [Fact]
    public void Every_endpoint_but_health_metrics_api_documents_and_version_discovery_is_marked_as_needing_a_tenant_token()
    {
        // Health and Cinder's version documents answer without a token, as clients ask for them before any token use;
        // so do the dashboard's sign-in settings and (Keystone mode) its sign-in pass-through, used before a token exists,
        // the metrics (scrapers carry no token) and the OpenAPI documents (they describe, they act on nothing).
        string[] open =
            ["/healthz", "/", "/v3", "/dashboard/config", "/dashboard/auth/tokens", "/metrics", "/openapi/{documentName}.json"];
        var endpoints = Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        Assert.NotEmpty(endpoints);
        foreach (var endpoint in endpoints.Where(e => !open.Contains(e.RoutePattern.RawText)))
        {
            var pattern = endpoint.RoutePattern.RawText ?? string.Empty;
            Assert.True(endpoint.Metadata.GetMetadata<TenantScopedEndpoint>() is not null, $"{pattern} needs no token");
            Assert.True(pattern.StartsWith("/v1.1/{tenant_id}/", StringComparison.Ordinal) || pattern.StartsWith("/v3/", StringComparison.Ordinal), pattern);
        }
    }

    private const string HttpFaultsChallenge = "X-Auth-Token realm=\"volume-backup\"";

    internal static void AssertFault(RawResponse response, int status, string name, string message, string request)
    {
        Assert.True(response.Status == status, $"{request}: expected {status}, got {response.Status}: {response.Body}");
        using var document = JsonDocument.Parse(response.Body);
        var property = Assert.Single(document.RootElement.EnumerateObject());
        Assert.Equal(name, property.Name);
        Assert.Equal(message, property.Value.GetProperty("message").GetString());
        Assert.Equal(status, property.Value.GetProperty("code").GetInt32());
    }
}
