using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Telemetry;

/// <summary>
/// The two OpenAPI documents of the running server, fetched without a token: every mapped API route (HP under /v1.1,
/// Cinder at / and under /v3), for each of its methods, is in exactly one of them.
/// </summary>
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private TestServer? _server;

    private TestServer Server => _server!;

    public async ValueTask InitializeAsync() => _server = await TestServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Every_mapped_api_route_and_method_is_in_exactly_one_of_the_two_documents()
    {
        var hp = await OperationsAsync("hp");
        var cinder = await OperationsAsync("cinder");
        var routes = ApiRoutes().ToList();

        Assert.True(routes.Count >= 60, $"only {routes.Count} API routes found");
        var problems = new List<string>();
        foreach (var route in routes)
        {
            var inHp = hp.Contains(route);
            var inCinder = cinder.Contains(route);
            if (inHp == inCinder)
            {
                problems.Add($"{route}: {(inHp ? "in both documents" : "in neither document")}");
            }
            else if (inHp != route.Split(' ')[1].StartsWith("/v1.1/", StringComparison.Ordinal))
            {
                problems.Add($"{route}: in the {(inHp ? "HP" : "Cinder")} document");
            }
        }

        // Nothing documented that is not mapped (health, metrics and the documents themselves are in neither).
        problems.AddRange(hp.Concat(cinder).Except(routes).Select(r => $"{r}: documented but not an API route"));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }


    // "METHOD /path" of every route endpoint under the two API surfaces, with route constraints dropped as OpenAPI does.
    private IEnumerable<string> ApiRoutes() =>
        Server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => IsApiPath("/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/')))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
                .Select(m => $"{m} {OpenApiPath(e.RoutePattern.RawText!)}"))
            .Distinct(StringComparer.Ordinal);

    private static bool IsApiPath(string path) => path == "/" || path.StartsWith("/v1.1/", StringComparison.Ordinal) || path == "/v3" || path.StartsWith("/v3/", StringComparison.Ordinal);

    // Routing ignores a trailing slash (a group's "" route ends in one), so both sides are compared without it.
    private static string OpenApiPath(string raw)
    {
        var path = System.Text.RegularExpressions.Regex.Replace("/" + raw.TrimStart('/'), @"\{([^}:=?]+)[^}]*\}", "{$1}");
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    private async Task<HashSet<string>> OperationsAsync(string document)
    {
        using var json = await FetchAsync(document);
        var operations = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in json.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "head" or "post" or "put" or "delete" or "patch"))
            {
                operations.Add($"{operation.Name.ToUpperInvariant()} {OpenApiPath(path.Name)}");
            }
        }

        return operations;
    }

    private async Task<JsonDocument> FetchAsync(string document)
    {
        using var client = Server.CreateClient(token: null);
        using var response = await client.GetPathAsync($"openapi/{document}.json");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{document}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text);
    }
}
