using System.Buffers;
using System.Net;
using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Swift;
using VolumeBackup.Testing.ObjectStores;

namespace VolumeBackup.IntegrationTests.ObjectStores;

/// <summary>The retrying Swift store through a real TCP proxy that answers 503, resets connections mid-response and stalls.</summary>
public sealed class SwiftProxyFaultTests : IAsyncDisposable
{
    private static readonly IPEndPoint Swift = new(IPAddress.Loopback, 8080);
    private readonly string _container = SwiftFixture.NewContainerName();
    private FaultyTcpProxy? _proxy;
    private IObjectStoreProvider? _provider;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        (_provider as IDisposable)?.Dispose();
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        await SwiftFixture.DeleteContainerAsync(SwiftFixture.TenantACredentials, _container, CancellationToken.None);
    }

    private IObjectStore OpenThroughProxy(Func<int, TcpFault> choose, TimeSpan attemptTimeout)
    {
        SwiftFixture.Require();
        _proxy = new FaultyTcpProxy(Swift, choose) { ResetAfterBytes = 100_000, SlowDelay = TimeSpan.FromSeconds(20) };
        var proxied = new Uri($"http://127.0.0.1:{_proxy.Port}");
        var swift = SwiftFixture.UserModeOptions();
        swift.MaxConnections = 8;
        swift.Tenants[SwiftFixture.TenantA] = new SwiftAccountCredentials
        {
            AuthUrl = new Uri(proxied, "/auth/v1.0"),
            User = "test:tester",
            Key = "testing",
            StorageUrl = new Uri(proxied, "/v1/AUTH_test"),
        };
        _provider = ObjectStoreProviderFactory.Create(new ObjectStoreOptions
        {
            Kind = ObjectStoreKind.Swift,
            Swift = swift,
            Retry = new() { MaxRetryAttempts = 8, BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(200), AttemptTimeout = attemptTimeout },
        });
        return _provider.Open(SwiftFixture.TenantA, _container);
    }

    [Fact]
    public async Task Uploads_and_reads_complete_through_a_proxy_that_answers_503_resets_and_stalls()
    {
        TcpFault[] rotation = [TcpFault.ServiceUnavailable, TcpFault.Reset, TcpFault.Slow];
        var store = OpenThroughProxy(n => n % 2 == 0 ? rotation[n / 2 % rotation.Length] : TcpFault.None, TimeSpan.FromSeconds(3));
        var objects = Enumerable.Range(0, 16).ToDictionary(i => $"packs/{i:D2}/pack", _ =>
        {
            var data = new byte[512 * 1024];
            Random.Shared.NextBytes(data);
            return data;
        });

        await store.EnsureContainerAsync(Ct);
        await Parallel.ForEachAsync(objects, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct },
            async (o, t) => await store.PutAsync(o.Key, o.Value, null, t));
        await Parallel.ForEachAsync(objects, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (o, t) =>
        {
            var read = new ArrayBufferWriter<byte>();
            await store.GetAsync(o.Key, read, t);
            Assert.Equal(o.Value, read.WrittenSpan.ToArray());
        });

        Assert.Equal(objects.Count, (await store.ListAsync("packs/", Ct).ToListAsync(Ct)).Count);
        foreach (var fault in rotation)
        {
            Assert.True(_proxy!.Fired(fault) > 0, $"no {fault} happened in {_proxy.Connections} connections");
        }
    }

    [Fact]
    public async Task A_proxy_that_always_answers_503_ends_in_a_permanent_error()
    {
        var store = OpenThroughProxy(_ => TcpFault.ServiceUnavailable, TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => store.EnsureContainerAsync(Ct));

        Assert.False(error.IsTransient);
        Assert.Contains("after 9 attempts", error.Message, StringComparison.Ordinal);
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
    }
}
