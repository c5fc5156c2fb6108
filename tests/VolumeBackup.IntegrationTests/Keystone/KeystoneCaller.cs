using System.Net;
using System.Text;
using System.Text.Json;
using VolumeBackup.Keystone;
using VolumeBackup.Testing.Keystone;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.IntegrationTests.Keystone;

/// <summary>
/// One Keystone user's calls to a server in Keystone mode, on both surfaces, with the X-Auth-Token of a fresh login
/// (tokens live 30 s in the test Keystone, so each test logs in itself). Paths name the token's project unless told.
/// </summary>
internal sealed class KeystoneCaller : IDisposable
{
    private KeystoneCaller(HttpClient client, KeystoneToken? token)
    {
        Client = client;
        Token = token;
    }

    public HttpClient Client { get; }

    /// <summary>Null for a made-up token or none.</summary>
    public KeystoneToken? Token { get; }

    public string Project => Token?.ProjectId ?? throw new InvalidOperationException("No Keystone token.");

    public static async Task<KeystoneCaller> LoginAsync(TestServer server, KeystoneUser user, CancellationToken ct)
    {
        var token = await KeystoneFixture.LoginAsync(user, ct);
        return new KeystoneCaller(server.CreateClient(token.Value), token);
    }

    /// <summary>A caller sending <paramref name="token"/> as it is (null: no X-Auth-Token at all).</summary>
    public static KeystoneCaller WithRawToken(TestServer server, string? token) => new(server.CreateClient(token), null);

    public static string HpVolumes(string project) => $"v1.1/{project}/os-volumes";

    public static string HpBackups(string project) => $"v1.1/{project}/hp-volume-backups";

    public static string CinderVolumes(string project) => $"v3/{project}/volumes";

    public static string CinderBackups(string project) => $"v3/{project}/backups";

    public Task<HttpResponseMessage> GetAsync(string path, string? microversion = null) => SendAsync(HttpMethod.Get, path, null, microversion);

    public Task<HttpResponseMessage> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null, null);

    public Task<HttpResponseMessage> PostAsync(string path, string json, string? microversion = null) => SendAsync(HttpMethod.Post, path, json, microversion);

    public Task<HttpResponseMessage> PostHpVolumeAsync(string project) => PostAsync(HpVolumes(project), """{"volume": {"size": 1}}""");

    public Task<HttpResponseMessage> PostCinderVolumeAsync(string project) => PostAsync(CinderVolumes(project), """{"volume": {"size": 1}}""");

    /// <summary>Creates a 1 GB volume on the HP surface in <paramref name="project"/> (the token's own by default); its id.</summary>
    public async Task<string> CreateHpVolumeAsync(string? project = null) =>
        (await JsonAsync(await PostHpVolumeAsync(project ?? Project), HttpStatusCode.OK)).GetProperty("volume").GetProperty("id").GetString()!;

    /// <summary>Creates a 1 GB volume on the Cinder surface; its UUID.</summary>
    public async Task<string> CreateCinderVolumeAsync(string? project = null) =>
        (await JsonAsync(await PostCinderVolumeAsync(project ?? Project), HttpStatusCode.Accepted)).GetProperty("volume").GetProperty("id").GetString()!;

    /// <summary>Waits for an HP volume's status; fails after a deadline.</summary>
    public async Task WaitForHpVolumeAsync(string project, string id, string status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var volume = (await JsonAsync(await GetAsync($"{HpVolumes(project)}/{id}"), HttpStatusCode.OK)).GetProperty("volume");
            if (volume.GetProperty("status").GetString() == status)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Volume {id} did not become {status}: {volume}");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits for a Cinder volume's status; fails after a deadline.</summary>
    public async Task WaitForCinderVolumeAsync(string project, string id, string status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var volume = (await JsonAsync(await GetAsync($"{CinderVolumes(project)}/{id}"), HttpStatusCode.OK)).GetProperty("volume");
            if (volume.GetProperty("status").GetString() == status)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Volume {id} did not become {status}: {volume}");
            await Task.Delay(100);
        }
    }

    /// <summary>The ids of a list answer's <paramref name="collection"/> (<c>volumes</c>, <c>backups</c>).</summary>
    public async Task<List<string>> ListIdsAsync(string path, string collection)
    {
        var body = await JsonAsync(await GetAsync(path), HttpStatusCode.OK);
        return [.. body.GetProperty(collection).EnumerateArray().Select(item => item.GetProperty("id").ToString())];
    }

    /// <summary>Asserts <paramref name="status"/> and returns the parsed body.</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
    }

    public void Dispose() => Client.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json, string? microversion)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (microversion is not null)
        {
            request.Headers.Add("OpenStack-API-Version", "volume " + microversion);
        }

        return await Client.SendAsync(request);
    }
}
