using System.Buffers;
using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Decorators;
using VolumeBackup.ObjectStores.Swift;
using VolumeBackup.Testing.ObjectStores;

namespace VolumeBackup.IntegrationTests.ObjectStores;

/// <summary>The Swift driver with retries against real Swift, through a handler that injects faults.</summary>
public sealed class SwiftFaultTests : IAsyncDisposable
{
    private static readonly HttpFault[] Rotation =
        [HttpFault.ServiceUnavailable, HttpFault.ResetBeforeResponse, HttpFault.ResetMidBody, HttpFault.TooManyRequests, HttpFault.CorruptRequestBody];

    private readonly List<IDisposable> _owned = [];
    private readonly string _container = SwiftFixture.NewContainerName();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        foreach (var item in _owned)
        {
            item.Dispose();
        }

        await SwiftFixture.DeleteContainerAsync(SwiftFixture.TenantACredentials, _container, CancellationToken.None);
    }

    private IObjectStore Open(FaultInjectingHandler handler, RetryOptions retry, SwiftOptions? swift = null)
    {
        SwiftFixture.Require();
        _owned.Add(handler);
        var provider = ObjectStoreProviderFactory.Create(
            new ObjectStoreOptions { Kind = ObjectStoreKind.Swift, Swift = swift ?? SwiftFixture.UserModeOptions(4), Retry = retry }, handler);
        _owned.Add((IDisposable)provider);
        return provider.Open(SwiftFixture.TenantA, _container);
    }

    private static RetryOptions FastRetries(int retries = 6) =>
        new() { MaxRetryAttempts = retries, BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(200), AttemptTimeout = TimeSpan.FromSeconds(20) };

    private static byte[] RandomBytes(int length)
    {
        var data = new byte[length];
        Random.Shared.NextBytes(data);
        return data;
    }

    [Fact]
    public async Task Uploads_reads_listings_and_deletes_complete_through_503s_resets_broken_bodies_and_damaged_uploads()
    {
        // Every third request fails, cycling through the kinds of fault; retries get fresh request numbers.
        using var handler = new FaultInjectingHandler((_, n) => n % 3 == 1 ? Rotation[n / 3 % Rotation.Length] : HttpFault.None);
        var store = Open(handler, FastRetries());
        var objects = Enumerable.Range(0, 12).ToDictionary(i => $"packs/{i:D2}/pack", _ => RandomBytes(256 * 1024));

        await store.EnsureContainerAsync(Ct);
        await Parallel.ForEachAsync(objects, Ct, async (o, t) =>
            await store.PutAsync(o.Key, o.Value, new Dictionary<string, string> { ["backup-id"] = "b1" }, t));
        foreach (var (key, data) in objects)
        {
            var whole = new ArrayBufferWriter<byte>();
            await store.GetAsync(key, whole, Ct);
            Assert.Equal(data, whole.WrittenSpan.ToArray());
            var range = new ArrayBufferWriter<byte>();
            await store.GetRangeAsync(key, 1000, 50_000, range, Ct);
            Assert.Equal(data.AsSpan(1000, 50_000).ToArray(), range.WrittenSpan.ToArray());
            Assert.Equal("b1", (await store.TryGetInfoAsync(key, Ct))!.Metadata["backup-id"]);
        }

        var listed = new List<string>();
        await foreach (var item in store.ListAsync("packs/", Ct))
        {
            listed.Add(item.Key);
        }

        Assert.Equal(objects.Keys.Order(StringComparer.Ordinal), listed);
        await store.DeleteManyAsync(objects.Keys, Ct);
        Assert.Null(await store.TryGetInfoAsync("packs/00/pack", Ct));
        Assert.True(handler.FaultsInjected >= 20, $"only {handler.FaultsInjected} faults were injected");
    }

    [Fact]
    public async Task Slow_answers_are_abandoned_after_the_attempt_timeout_and_retried()
    {
        using var handler = new FaultInjectingHandler((r, n) => r.Method == HttpMethod.Get && n % 2 == 0 ? HttpFault.Slow : HttpFault.None)
        {
            SlowDelay = TimeSpan.FromSeconds(30),
        };
        var retry = FastRetries();
        retry.AttemptTimeout = TimeSpan.FromSeconds(1);
        var store = Open(handler, retry);
        var data = RandomBytes(100_000);
        await store.EnsureContainerAsync(Ct);
        await store.PutAsync("slow", data, null, Ct);

        for (var i = 0; i < 3; i++)
        {
            var read = new ArrayBufferWriter<byte>();
            await store.GetAsync("slow", read, Ct);
            Assert.Equal(data, read.WrittenSpan.ToArray());
        }

        Assert.True(handler.FaultsInjected >= 1);
    }

    [Fact]
    public async Task A_store_that_keeps_failing_ends_with_a_permanent_error_that_names_the_cause()
    {
        using var handler = new FaultInjectingHandler((r, _) => r.Method == HttpMethod.Put && r.RequestUri!.AbsolutePath.EndsWith("/doomed", StringComparison.Ordinal)
            ? HttpFault.ServiceUnavailable
            : HttpFault.None);
        var store = Open(handler, FastRetries(retries: 3));
        await store.EnsureContainerAsync(Ct);

        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => store.PutAsync("doomed", RandomBytes(10), null, Ct));

        Assert.False(error.IsTransient);
        Assert.True(error.RetriesExhausted);
        Assert.Equal(ObjectStoreErrorKind.Unavailable, error.Kind);
        Assert.Contains("retries exhausted after 4 attempts", error.Message, StringComparison.Ordinal);
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, handler.Log.Count(l => l.StartsWith("PUT", StringComparison.Ordinal) && l.EndsWith("/doomed", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_cluster_out_of_room_is_a_full_store_and_is_not_retried()
    {
        using var handler = new FaultInjectingHandler((r, _) => r.Method == HttpMethod.Put && r.RequestUri!.AbsolutePath.EndsWith("/no-room", StringComparison.Ordinal)
            ? HttpFault.InsufficientStorage
            : HttpFault.None);
        var store = Open(handler, FastRetries(retries: 3));
        await store.EnsureContainerAsync(Ct);

        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => store.PutAsync("no-room", RandomBytes(10), null, Ct));

        Assert.Equal(ObjectStoreErrorKind.Full, error.Kind);
        Assert.False(error.RetriesExhausted);
        Assert.Equal(1, handler.Log.Count(l => l.StartsWith("PUT", StringComparison.Ordinal) && l.EndsWith("/no-room", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_request_timing_out_in_the_driver_is_a_transient_error()
    {
        using var handler = new FaultInjectingHandler((r, _) => r.Method == HttpMethod.Head ? HttpFault.Slow : HttpFault.None);
        var swift = SwiftFixture.UserModeOptions();
        swift.RequestTimeout = TimeSpan.FromMilliseconds(300);
        var store = Open(handler, new RetryOptions { MaxRetryAttempts = 0 }, swift);

        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => store.TryGetInfoAsync("anything", Ct));

        Assert.True(error.IsTransient);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_token_is_renewed_once_with_the_key()
    {
        using var handler = new FaultInjectingHandler((_, _) => HttpFault.None);
        var credentials = SwiftFixture.TenantACredentials;
        credentials.Token = "AUTH_tk00000000000000000000000000000000";
        credentials.StorageUrl = SwiftFixture.TenantAStorageUrl;
        var swift = SwiftFixture.UserModeOptions();
        swift.Tenants[SwiftFixture.TenantA] = credentials;
        var store = Open(handler, new RetryOptions { MaxRetryAttempts = 0 }, swift);

        await store.EnsureContainerAsync(Ct);
        await store.PutAsync("after-renewal", RandomBytes(10), null, Ct);

        Assert.Equal(1, handler.Log.Count(l => l.EndsWith("/auth/v1.0", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_rejected_token_without_a_key_is_a_permanent_error()
    {
        using var handler = new FaultInjectingHandler((_, _) => HttpFault.None);
        var swift = SwiftFixture.UserModeOptions();
        swift.Tenants[SwiftFixture.TenantA] = SwiftAccountCredentials.ForToken(SwiftFixture.TenantAStorageUrl, "AUTH_tk00000000000000000000000000000000");
        var store = Open(handler, FastRetries(), swift);

        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => store.EnsureContainerAsync(Ct));

        Assert.False(error.IsTransient);
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, handler.Requests);
    }

    [Fact]
    public async Task Wrong_credentials_are_a_permanent_error_and_are_not_retried()
    {
        using var handler = new FaultInjectingHandler((_, _) => HttpFault.None);
        var swift = SwiftFixture.UserModeOptions();
        swift.Tenants[SwiftFixture.TenantA] = SwiftAccountCredentials.ForUser(SwiftFixture.AuthUrl, "test:tester", "wrong");
        var store = Open(handler, FastRetries(), swift);

        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => store.EnsureContainerAsync(Ct));

        Assert.False(error.IsTransient);
        Assert.Equal(ObjectStoreErrorKind.AccessDenied, error.Kind);
        Assert.Contains("wrong user or key", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, handler.Requests);
    }
}
