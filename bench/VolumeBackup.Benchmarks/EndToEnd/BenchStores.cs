using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Filesystem;
using VolumeBackup.ObjectStores.Swift;

namespace VolumeBackup.Benchmarks.EndToEnd;

/// <summary>
/// The store an e2e step works on, from its <c>--store</c> value: a directory (the filesystem store), or
/// <c>swift:&lt;container&gt;</c> for a container of the local Swift through the driver with retries, as the service runs
/// it. Swift is reached at VB_SWIFT_AUTH_URL as VB_SWIFT_USER / VB_SWIFT_KEY (default: scripts/swift.sh's test:tester).
/// </summary>
internal sealed class BenchStores : IDisposable
{
    private const string SwiftPrefix = "swift:";
    private IObjectStoreProvider? _swift;

    /// <summary>The store for <paramref name="spec"/>; <paramref name="suffix"/> tells apart the stores of one run (backup-many).</summary>
    public async Task<IObjectStore> OpenAsync(string spec, string? suffix = null)
    {
        if (!spec.StartsWith(SwiftPrefix, StringComparison.Ordinal))
        {
            return new FilesystemObjectStore(suffix is null ? spec : Path.Combine(spec, suffix), "bench");
        }

        _swift ??= ObjectStoreProviderFactory.Create(SwiftOptions());
        var store = _swift.Open("bench", spec[SwiftPrefix.Length..] + (suffix is null ? string.Empty : "-" + suffix));
        await store.EnsureContainerAsync(CancellationToken.None);
        return store;
    }

    /// <summary>Total size of the objects in the store's container.</summary>
    public async Task<long> StoredBytesAsync(string spec)
    {
        var store = await OpenAsync(spec);
        long total = 0;
        await foreach (var info in store.ListAsync(string.Empty, CancellationToken.None))
        {
            total += info.Size;
        }

        return total;
    }

    /// <summary>Deletes every object of the store's container (Swift containers themselves stay, empty).</summary>
    public async Task ClearAsync(string spec)
    {
        var store = await OpenAsync(spec);
        var keys = new List<string>();
        await foreach (var info in store.ListAsync(string.Empty, CancellationToken.None))
        {
            keys.Add(info.Key);
        }

        await store.DeleteManyAsync(keys, CancellationToken.None);
    }

    public void Dispose() => (_swift as IDisposable)?.Dispose();

    private static ObjectStoreOptions SwiftOptions()
    {
        var authUrl = new Uri(Environment.GetEnvironmentVariable("VB_SWIFT_AUTH_URL") ?? "http://127.0.0.1:8080/auth/v1.0");
        var user = Environment.GetEnvironmentVariable("VB_SWIFT_USER") ?? "test:tester";
        var key = Environment.GetEnvironmentVariable("VB_SWIFT_KEY") ?? "testing";
        return new ObjectStoreOptions
        {
            Kind = ObjectStoreKind.Swift,
            Swift = new SwiftOptions { AuthUrl = authUrl, Tenants = { ["bench"] = SwiftAccountCredentials.ForUser(authUrl, user, key) } },
        };
    }
}
