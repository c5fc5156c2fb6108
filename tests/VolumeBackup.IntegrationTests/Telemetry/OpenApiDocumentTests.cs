using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Telemetry;

/// <summary>
/// The two OpenAPI documents of the running server, fetched without a token: every mapped API route (HP under /v1.1,
/// Cinder at / and under /v3), for each of its methods, is in exactly one of them; every POST and PUT that reads a body
/// describes it as JSON, yet no route matches on the Content-Type (a body without one is still read, XML still gets the
/// spec's fault).
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

    // POST and PUT routes that read no body: cancel needs none (one sent is not read).
    private static readonly string[] BodilessWrites =
    [
        "POST /v1.1/{tenant_id}/hp-volume-backups/{backup_id}/cancel",
    ];

    [Theory]
    [InlineData("hp")]
    [InlineData("cinder")]
    public async Task Every_post_and_put_that_reads_a_body_describes_it_as_json_with_a_schema_that_resolves(string document)
    {
        using var json = await FetchAsync(document);
        var root = json.RootElement;
        var problems = new List<string>();
        var described = 0;
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "post" or "put"))
            {
                var route = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                var hasBody = operation.Value.TryGetProperty("requestBody", out var body);
                if (BodilessWrites.Contains(route, StringComparer.Ordinal))
                {
                    if (hasBody)
                    {
                        problems.Add($"{route}: describes a body it does not read");
                    }

                    continue;
                }

                if (!hasBody || !body.TryGetProperty("content", out var content)
                    || !content.TryGetProperty("application/json", out var media) || !media.TryGetProperty("schema", out var schema))
                {
                    problems.Add($"{route}: no application/json request body");
                    continue;
                }

                described++;
                var alternatives = Alternatives(root, schema).ToList();
                if (alternatives.Count == 0 || alternatives.Any(a => a is null || !a.Value.TryGetProperty("properties", out _)))
                {
                    problems.Add($"{route}: the body's schema does not resolve to objects with properties: {schema}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.True(described >= 9, $"only {described} bodies described"); // HP has nine, Cinder more
    }

    [Theory]
    [InlineData("hp", "post", "/v1.1/{tenant_id}/hp-volume-backups", "backup", "volume_id")]
    [InlineData("hp", "post", "/v1.1/{tenant_id}/hp-volume-backups/{backup_id}/restore", "restore", "volume_id")]
    [InlineData("hp", "post", "/v1.1/{tenant_id}/hp-volume-backups/recover", "recover", "container")]
    [InlineData("hp", "post", "/v1.1/{tenant_id}/hp-volume-backups/{backup_id}/verify", "verify", null)]
    [InlineData("hp", "post", "/v1.1/{tenant_id}/os-volumes", "volume", "size")]
    [InlineData("hp", "post", "/v1.1/{tenant_id}/os-volumes/manage", "volume", "devicePath")]
    [InlineData("hp", "post", "/v1.1/{tenant_id}/os-volumes/{volume_id}/action", "os-attach", "mountpoint")]
    [InlineData("hp", "post", "/v1.1/{tenant_id}/hp-volume-backup-policies", "policy", "schedule")]
    [InlineData("hp", "put", "/v1.1/{tenant_id}/hp-volume-backup-policies/{policy_id}", "policy", "retention")]
    [InlineData("cinder", "post", "/v3/{tenant_id}/backups", "backup", "volume_id")]
    [InlineData("cinder", "post", "/v3/backups", "backup", "volume_id")]
    [InlineData("cinder", "put", "/v3/{tenant_id}/backups/{backup_id}", "backup", "name")]
    [InlineData("cinder", "post", "/v3/{tenant_id}/backups/{backup_id}/restore", "restore", "volume_id")]
    [InlineData("cinder", "post", "/v3/{tenant_id}/backups/{backup_id}/action", "os-reset_status", "status")]
    [InlineData("cinder", "post", "/v3/{tenant_id}/backups/{backup_id}/action", "os-verify", null)]
    [InlineData("cinder", "post", "/v3/{tenant_id}/backups/{backup_id}/action", "os-cancel", null)]
    [InlineData("cinder", "post", "/v3/{tenant_id}/backups/{backup_id}/action", "os-force_delete", null)]
    [InlineData("cinder", "post", "/v3/{tenant_id}/backups/import_record", "backup-record", "backup_url")]
    [InlineData("cinder", "post", "/v3/{tenant_id}/backups/recover", "recover", "container")]
    [InlineData("cinder", "post", "/v3/{tenant_id}/volumes", "volume", "size")]
    [InlineData("cinder", "put", "/v3/{tenant_id}/volumes/{volume_id}", "volume", "metadata")]
    [InlineData("cinder", "post", "/v3/{tenant_id}/volumes/{volume_id}/action", "os-attach", "instance_uuid")]
    [InlineData("cinder", "post", "/v3/{tenant_id}/volumes/{volume_id}/action", "os-reserve", null)]
    [InlineData("cinder", "post", "/v3/{tenant_id}/manageable_volumes", "volume", "ref")]
    [InlineData("cinder", "post", "/v3/{tenant_id}/os-backup-policies", "policy", "volume_id")]
    public async Task A_described_body_names_its_root_key_and_the_fields_the_endpoint_reads(
        string document, string method, string path, string rootKey, string? field)
    {
        using var json = await FetchAsync(document);
        var root = json.RootElement;
        var schema = root.GetProperty("paths").GetProperty(path).GetProperty(method)
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");

        // One alternative per action on an action route; else the one body. Its root key must be required.
        var shape = Alternatives(root, schema).OfType<JsonElement>()
            .SingleOrDefault(a => a.TryGetProperty("properties", out var p) && p.TryGetProperty(rootKey, out _));
        Assert.True(shape.ValueKind == JsonValueKind.Object, $"{path}: no body with \"{rootKey}\" in {schema}");
        Assert.Contains(rootKey, shape.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        if (field is not null)
        {
            var inner = Alternatives(root, shape.GetProperty("properties").GetProperty(rootKey)).OfType<JsonElement>()
                .Where(a => a.TryGetProperty("properties", out _)).ToList();
            Assert.True(inner.Any(a => a.GetProperty("properties").TryGetProperty(field, out _)),
                $"{path}: \"{rootKey}\" has no \"{field}\": {string.Join(", ", inner)}");
        }
    }

    [Fact]
    public async Task Described_bodies_are_read_without_a_content_type_and_xml_still_gets_the_spec_fault()
    {
        using var admin = Server.CreateClient(Server.Tokens.Admin);
        var tenant = "openapi" + Guid.NewGuid().ToString("N")[..8];
        var writes = ApiRoutes()
            .Where(r => r.StartsWith("POST ", StringComparison.Ordinal) || r.StartsWith("PUT ", StringComparison.Ordinal))
            .ToList();
        Assert.True(writes.Count >= 20, $"only {writes.Count} POST and PUT routes found");
        var problems = new List<string>();
        foreach (var route in writes)
        {
            var method = new HttpMethod(route.Split(' ')[0]);
            // A fresh tenant and ids that name nothing: every request is refused by the endpoint, nothing changes.
            var target = System.Text.RegularExpressions.Regex.Replace(
                route.Split(' ')[1], @"\{([^}]+)\}", m => m.Groups[1].Value == "tenant_id" ? tenant : "999999");

            // No Content-Type, and curl's default form type: both are read as JSON, as the spec's curl examples send them.
            foreach (var contentType in (string?[])[null, "application/x-www-form-urlencoded"])
            {
                using var plain = new HttpRequestMessage(method, new Uri(target.TrimStart('/'), UriKind.Relative))
                {
                    Content = new ByteArrayContent("{}"u8.ToArray()),
                };
                if (contentType is not null)
                {
                    plain.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
                }

                using var answer = await admin.SendAsync(plain, TestContext.Current.CancellationToken);
                if (answer.StatusCode is HttpStatusCode.UnsupportedMediaType || (int)answer.StatusCode >= 500)
                {
                    var text = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                    problems.Add($"{route} with Content-Type {contentType ?? "(none)"}: {(int)answer.StatusCode} {text}");
                }
            }

            using var xml = new HttpRequestMessage(method, new Uri(target.TrimStart('/'), UriKind.Relative))
            {
                Content = new StringContent("<backup/>", System.Text.Encoding.UTF8, "application/xml"),
            };
            using var xmlAnswer = await admin.SendAsync(xml, TestContext.Current.CancellationToken);
            var xmlText = await xmlAnswer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            if (xmlAnswer.StatusCode != HttpStatusCode.UnsupportedMediaType
                || !xmlText.Contains(FaultMessages.XmlNotSupported, StringComparison.Ordinal))
            {
                problems.Add($"{route} with an XML body: {(int)xmlAnswer.StatusCode} {xmlText}");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    // The object schemas a schema stands for: a $ref resolved into components/schemas (null when it names none), each
    // branch of a oneOf or anyOf, and nothing for the "null" branch of a nullable value.
    private static IEnumerable<JsonElement?> Alternatives(JsonElement root, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            yield return root.TryGetProperty("components", out var components) && components.TryGetProperty("schemas", out var schemas)
                && schemas.TryGetProperty(name, out var target)
                ? target
                : null;
            yield break;
        }

        foreach (var combinator in (string[])["oneOf", "anyOf"])
        {
            if (schema.TryGetProperty(combinator, out var branches))
            {
                foreach (var branch in branches.EnumerateArray())
                {
                    foreach (var alternative in Alternatives(root, branch))
                    {
                        yield return alternative;
                    }
                }

                yield break;
            }
        }

        if (schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "null")
        {
            yield break;
        }

        yield return schema;
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
