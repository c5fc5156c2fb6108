using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VolumeBackup.ObjectStores.Swift;

namespace VolumeBackup.Testing.ObjectStores;

/// <summary>
/// The single-node Swift that scripts/swift.sh starts on 127.0.0.1:8080 (TempAuth), its test accounts, and clean-up.
/// Tenant A is account AUTH_test (test:tester), tenant B is AUTH_test2 (test2:tester2).
/// </summary>
public static class SwiftFixture
{
    public const string TenantA = "tenant-a";
    public const string TenantB = "tenant-b";
    public const string HowToStart = "sudo bash scripts/swift.sh up";

    public static readonly Uri AuthUrl = new("http://127.0.0.1:8080/auth/v1.0");

    private static readonly Lazy<bool> Available = new(Probe);

    public static SwiftAccountCredentials TenantACredentials => SwiftAccountCredentials.ForUser(AuthUrl, "test:tester", "testing");

    public static SwiftAccountCredentials TenantBCredentials => SwiftAccountCredentials.ForUser(AuthUrl, "test2:tester2", "testing2");

    public static Uri TenantAStorageUrl { get; } = new("http://127.0.0.1:8080/v1/AUTH_test");

    public static Uri TenantBStorageUrl { get; } = new("http://127.0.0.1:8080/v1/AUTH_test2");

    /// <summary>Skips the test when Swift does not answer (fails it when CI=true).</summary>
    public static void Require() => RealServices.Require(Available.Value, "Swift on 127.0.0.1:8080", HowToStart);

    /// <summary>User mode with tenants A and B mapped to their own accounts.</summary>
    public static SwiftOptions UserModeOptions(int listPageSize = 10_000) => new()
    {
        AuthUrl = AuthUrl,
        Mode = SwiftMode.User,
        Tenants = { [TenantA] = TenantACredentials, [TenantB] = TenantBCredentials },
        ListPageSize = listPageSize,
        RequestTimeout = TimeSpan.FromSeconds(30),
    };

    public static string NewContainerName() => $"vbtest-{Guid.NewGuid():N}";

    /// <summary>A token for an account, as a user would get it from the auth service.</summary>
    public static async Task<(Uri StorageUrl, string Token)> AuthenticateAsync(string user, string key, CancellationToken ct)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, AuthUrl);
        request.Headers.Add("X-Auth-User", user);
        request.Headers.Add("X-Auth-Key", key);
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return (new Uri(response.Headers.GetValues("X-Storage-Url").First()), response.Headers.GetValues("X-Auth-Token").First());
    }

    /// <summary>Deletes a container and everything in it; a missing container (or a Swift that is not running) is fine.</summary>
    public static async Task DeleteContainerAsync(SwiftAccountCredentials account, string container, CancellationToken ct)
    {
        if (!Available.Value)
        {
            return; // the test was skipped (or failed) before it created anything
        }

        var (storage, token) = await AuthenticateAsync(account.User!, account.Key!, ct);
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("X-Auth-Token", token);
        var url = $"{storage}/{Uri.EscapeDataString(container)}";
        while (true)
        {
            using var list = await http.GetAsync($"{url}?format=json", ct);
            if (list.StatusCode == HttpStatusCode.NotFound)
            {
                return;
            }

            list.EnsureSuccessStatusCode();
            var names = (await list.Content.ReadFromJsonAsync<List<JsonElement>>(ct))!.Select(e => e.GetProperty("name").GetString()!).ToList();
            if (names.Count == 0)
            {
                break;
            }

            await Parallel.ForEachAsync(names, ct, async (name, t) =>
            {
                var path = string.Join('/', name.Split('/').Select(Uri.EscapeDataString));
                using var _ = await http.DeleteAsync($"{url}/{path}", t);
            });
        }

        using var delete = await http.DeleteAsync(url, ct);
    }

    private static bool Probe()
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            using var request = new HttpRequestMessage(HttpMethod.Get, AuthUrl);
            request.Headers.Add("X-Auth-User", "test:tester");
            request.Headers.Add("X-Auth-Key", "testing");
            using var response = http.Send(request);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return false;
        }
    }
}
