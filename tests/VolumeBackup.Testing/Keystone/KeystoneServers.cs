using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.Testing.Keystone;

/// <summary>
/// The real server in Keystone mode with Swift in user mode on the Keystone-authenticated proxy (jobs reach each
/// project's own account AUTH_&lt;project_id&gt; through trusts), and ways to look at Swift and Keystone from outside.
/// </summary>
public static class KeystoneServers
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Settings for Keystone identity (the registered service user) and user-mode Swift; <paramref name="extra"/> wins.</summary>
    public static ServerSettings UserModeSwift(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["VolumeBackup:ObjectStore:Kind"] = "Swift",
            ["VolumeBackup:ObjectStore:Swift:Mode"] = "User",
            ["VolumeBackup:Backups:PollInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return new ServerSettings { Settings = settings }.WithKeystone();
    }

    /// <summary>A client of <paramref name="server"/> that always sends a valid token of <paramref name="user"/>.</summary>
    public static HttpClient CreateClient(TestServer server, KeystoneUser user)
    {
        var client = new HttpClient(new KeystoneTokenHandler(user)) { BaseAddress = new Uri(server.BaseUrl + "/") };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public static async Task<string> ProjectIdAsync(KeystoneUser user) =>
        (await KeystoneFixture.LoginAsync(user, CancellationToken.None)).ProjectId!;

    /// <summary>
    /// The names of the objects in <paramref name="container"/> of <paramref name="user"/>'s own account, listed with
    /// that user's own token; null when the container does not exist there.
    /// </summary>
    public static async Task<List<string>?> ListObjectsAsync(KeystoneUser user, string container)
    {
        var token = await KeystoneFixture.LoginAsync(user, CancellationToken.None);
        using var request = new HttpRequestMessage(
            HttpMethod.Get, new Uri(KeystoneFixture.SwiftUrl, $"/v1/AUTH_{token.ProjectId}/{container}?format=json"));
        request.Headers.TryAddWithoutValidation("X-Auth-Token", token.Value);
        using var response = await Http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. body.RootElement.EnumerateArray().Select(o => o.GetProperty("name").GetString()!)];
    }

    /// <summary>Whether Keystone still knows the trust (asked by its admin).</summary>
    public static async Task<bool> TrustExistsAsync(string trustId)
    {
        var admin = await KeystoneFixture.LoginAsync(KeystoneFixture.Admin, CancellationToken.None);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(KeystoneFixture.AuthUrl + $"/OS-TRUST/trusts/{trustId}"));
        request.Headers.TryAddWithoutValidation("X-Auth-Token", admin.Value);
        using var response = await Http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        response.EnsureSuccessStatusCode();
        return true;
    }

    /// <summary>The ids of the trusts <paramref name="user"/> has granted and Keystone still keeps.</summary>
    public static async Task<HashSet<string>> TrustsGrantedByAsync(KeystoneUser user)
    {
        var token = await KeystoneFixture.LoginAsync(user, CancellationToken.None);
        using var request = new HttpRequestMessage(
            HttpMethod.Get, new Uri(KeystoneFixture.AuthUrl + $"/OS-TRUST/trusts?trustor_user_id={token.UserId}"));
        request.Headers.TryAddWithoutValidation("X-Auth-Token", token.Value);
        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. body.RootElement.GetProperty("trusts").EnumerateArray().Select(t => t.GetProperty("id").GetString()!)];
    }
}
