using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Testing.Servers;
using Xunit;

namespace VolumeBackup.Testing.Cinder;

/// <summary>
/// The Cinder v3 volume calls tests make, through real HTTP, for one project: requests carry
/// <c>OpenStack-API-Version: volume {Version}</c> when a version is set (none = 3.0, as cinderclient sends at 3.0).
/// </summary>
public sealed class CinderVolumesApi(HttpClient client, string project, string? version = null)
{
    public const string VersionHeader = "OpenStack-API-Version";

    /// <summary>Every request body cinderclient 9.1 sends for <c>cinder create --name N --description D 1</c>, as sent.</summary>
    public const string CinderclientCreateBody = """
        {"volume": {"size": 1, "consistencygroup_id": null, "snapshot_id": null, "name": "N", "description": "D",
                    "volume_type": null, "availability_zone": null, "metadata": {}, "imageRef": null, "source_volid": null,
                    "backup_id": null}}
        """;

    public string Project => project;

    public HttpClient Client => client;

    /// <summary><c>v3/{project}/volumes</c>, relative to the server's base address.</summary>
    public string Volumes => $"v3/{project}/volumes";

    /// <summary>The same API for another microversion.</summary>
    public CinderVolumesApi At(string? microversion) => new(client, project, microversion);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (version is not null)
        {
            request.Headers.Add(VersionHeader, $"volume {version}");
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<HttpResponseMessage> PostCreateAsync(string json) => SendAsync(HttpMethod.Post, Volumes, json);

    public Task<HttpResponseMessage> ShowResponseAsync(string id) => GetAsync($"{Volumes}/{id}");

    public Task<HttpResponseMessage> ActionResponseAsync(string id, string json) => SendAsync(HttpMethod.Post, $"{Volumes}/{id}/action", json);

    /// <summary>Creates a volume from <paramref name="json"/>; asserts 202 and returns the <c>volume</c> object answered.</summary>
    public async Task<JsonElement> CreateAsync(string json) =>
        (await AssertStatusJsonAsync(await PostCreateAsync(json), HttpStatusCode.Accepted)).GetProperty("volume");

    /// <summary>Creates an empty volume of <paramref name="sizeGb"/>; returns its id.</summary>
    public async Task<string> CreateVolumeAsync(int sizeGb = 1, string? name = null)
    {
        var nameField = name is null ? string.Empty : $", \"name\": \"{name}\"";
        return (await CreateAsync($"{{\"volume\": {{\"size\": {sizeGb}{nameField}}}}}")).GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> ShowAsync(string id) =>
        (await ApiAssert.OkJsonAsync(await ShowResponseAsync(id))).GetProperty("volume");

    public async Task<string> StatusAsync(string id) => (await ShowAsync(id)).GetProperty("status").GetString()!;

    /// <summary>Posts an action; asserts 202.</summary>
    public async Task ActionAsync(string id, string json)
    {
        using var response = await ActionResponseAsync(id, json);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Expected 202, got {(int)response.StatusCode}: {body}");
    }

    /// <summary>A list (<c>detail</c> or the summary) with <paramref name="query"/> (e.g. <c>?limit=2</c>); the whole body.</summary>
    public async Task<JsonElement> ListAsync(string query = "", bool detail = true) =>
        await ApiAssert.OkJsonAsync(await GetAsync(Volumes + (detail ? "/detail" : string.Empty) + query));

    /// <summary>The ids of a list's <c>volumes</c>, in order.</summary>
    public static List<string> Ids(JsonElement list) =>
        [.. list.GetProperty("volumes").EnumerateArray().Select(v => v.GetProperty("id").GetString()!)];

    public static async Task<JsonElement> AssertStatusJsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>The HP surface's id of a Cinder volume: the same row's integer id.</summary>
    public static async Task<string> HpIdAsync(TestServer server, string uuid)
    {
        ArgumentNullException.ThrowIfNull(server);
        await using var scope = server.Services.CreateAsyncScope();
        var volume = await scope.ServiceProvider.GetRequiredService<VolumeStore>().FindByUuidAsync(Guid.Parse(uuid), CancellationToken.None);
        return volume?.Id.ToString(CultureInfo.InvariantCulture) ?? throw new InvalidOperationException($"No volume {uuid}.");
    }
}
