using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using VolumeBackup.Domain.Tenancy;
using VolumeBackup.Server.Identity;
using VolumeBackup.Testing;
using VolumeBackup.Testing.Backups;
using VolumeBackup.Testing.ObjectStores;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.EndToEndTests.Swift;

/// <summary>
/// The real server binary with <c>ObjectStore:Kind = Swift</c> in user mode: tenant-a's backups go to Swift account
/// AUTH_test (test:tester), tenant-b's to AUTH_test2 (test2:tester2). Both tenants get their own API tokens, so a
/// test can act as either of them; the admin token sees device paths. Containers a test names are deleted afterwards.
/// </summary>
public sealed class SwiftServer : IAsyncDisposable
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);
    private readonly TempDataDirectory _directory;
    private readonly Dictionary<string, string> _tokens;
    private readonly List<HttpClient> _clients = [];

    private SwiftServer(TempDataDirectory directory, ServerProcess process, Dictionary<string, string> tokens)
    {
        _directory = directory;
        Process = process;
        _tokens = tokens;
    }

    public ServerProcess Process { get; }

    /// <summary>A container name of this test; deleted from both accounts on dispose.</summary>
    public string Container { get; } = SwiftFixture.NewContainerName();

    /// <param name="swiftPort">Where the server reaches Swift: 8080, or a <see cref="FaultyTcpProxy"/> in front of it.</param>
    /// <param name="retries">Retries of the object store: (attempts after the first, timeout of one attempt).</param>
    /// <param name="outageBudget">How long jobs wait out a store outage (VolumeBackup:Backups:StoreOutageBudget); null: the default.</param>
    /// <param name="extra">More settings (they win over these).</param>
    public static async Task<SwiftServer> StartAsync(
        int swiftPort = 8080, (int Attempts, TimeSpan AttemptTimeout)? retries = null, TimeSpan? outageBudget = null,
        IReadOnlyDictionary<string, string>? extra = null)
    {
        var directory = new TempDataDirectory("vb-swift-e2e");
        var tokens = WriteTokens(directory.Path);
        var swift = $"http://127.0.0.1:{swiftPort.ToString(CultureInfo.InvariantCulture)}";
        var settings = new Dictionary<string, string>
        {
            ["VolumeBackup:Quotas:Volumes"] = "100",
            ["VolumeBackup:Quotas:Gigabytes"] = "1000",
            ["VolumeBackup:Backups:PollInterval"] = "00:00:00.200",
            ["VolumeBackup:ObjectStore:Kind"] = "Swift",
            ["VolumeBackup:ObjectStore:Swift:Mode"] = "User",
            ["VolumeBackup:ObjectStore:Swift:AuthUrl"] = $"{swift}/auth/v1.0",
            ["VolumeBackup:ObjectStore:Swift:RequestTimeout"] = "00:00:30",
        };
        AddTenant(settings, SwiftFixture.TenantA, "test:tester", "testing", $"{swift}/v1/AUTH_test");
        AddTenant(settings, SwiftFixture.TenantB, "test2:tester2", "testing2", $"{swift}/v1/AUTH_test2");
        if (retries is var (attempts, attemptTimeout))
        {
            settings["VolumeBackup:ObjectStore:Retry:MaxRetryAttempts"] = attempts.ToString(CultureInfo.InvariantCulture);
            settings["VolumeBackup:ObjectStore:Retry:BaseDelay"] = "00:00:00.050";
            settings["VolumeBackup:ObjectStore:Retry:MaxDelay"] = "00:00:00.500";
            settings["VolumeBackup:ObjectStore:Retry:AttemptTimeout"] = attemptTimeout.ToString("c", CultureInfo.InvariantCulture);
        }

        if (outageBudget is { } budget)
        {
            settings["VolumeBackup:Backups:StoreOutageBudget"] = budget.ToString("c", CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var process = ServerProcess.Start(directory.Path, new ServerSettings { Settings = settings });
        try
        {
            await process.WaitUntilHealthyAsync(Startup, storeMayBeDown: true); // Swift may sit behind a faulty proxy
        }
        catch
        {
            await process.DisposeAsync();
            directory.Dispose();
            throw;
        }

        return new SwiftServer(directory, process, tokens);
    }

    /// <summary>The tenant's API on the admin token (the volume view then shows device paths).</summary>
    public BackupApi AdminApi(string tenant) => new(Client(_tokens["admin"]), tenant);

    /// <summary>An HTTP client with the tenant's own token, as the tenant's users call the API.</summary>
    public HttpClient TenantClient(string tenant) => Client(_tokens[tenant]);

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await Process.DisposeAsync();
        _directory.Dispose();
        await SwiftFixture.DeleteContainerAsync(SwiftFixture.TenantACredentials, Container, CancellationToken.None);
        await SwiftFixture.DeleteContainerAsync(SwiftFixture.TenantBCredentials, Container, CancellationToken.None);
    }

    private static void AddTenant(Dictionary<string, string> settings, string tenant, string user, string key, string storageUrl)
    {
        var prefix = $"VolumeBackup:ObjectStore:Swift:Tenants:{tenant}:";
        settings[prefix + "User"] = user;
        settings[prefix + "Key"] = key;
        settings[prefix + "StorageUrl"] = storageUrl; // Swift's auth answer names port 8080, not a proxy's
    }

    // tokens.json written before the first start: the server then creates none of its own.
    private static Dictionary<string, string> WriteTokens(string dataDirectory)
    {
        var tokens = new Dictionary<string, string>
        {
            ["admin"] = Guid.NewGuid().ToString("N"),
            ["demo"] = Guid.NewGuid().ToString("N"),
            [SwiftFixture.TenantA] = Guid.NewGuid().ToString("N"),
            [SwiftFixture.TenantB] = Guid.NewGuid().ToString("N"),
        };
        var entries = tokens.ToDictionary(
            pair => pair.Value,
            pair => new TokenFileEntry(pair.Key, pair.Key, pair.Key == "admin" ? [TenantIdentity.AdminRole] : []));
        File.WriteAllText(Path.Combine(dataDirectory, "tokens.json"), JsonSerializer.Serialize(entries));
        return tokens;
    }

    private HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(Process.BaseUrl + "/") };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        client.DefaultRequestHeaders.Add("X-Auth-Token", token);
        _clients.Add(client);
        return client;
    }
}
