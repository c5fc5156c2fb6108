using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Domain.Tenancy;
using VolumeBackup.Keystone;
using VolumeBackup.ObjectStores;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Identity;
using VolumeBackup.Server.Identity.Trusts;

namespace VolumeBackup.IntegrationTests.Keystone;

/// <summary>
/// Keystone unreachable (a loopback port nobody listens on): taking a trust is a 503 and nothing else, redeeming one in
/// a job is a transient store failure (the job waits and resumes), never a lost backup.
/// </summary>
public sealed class TrustOutageTests
{
    [Fact]
    public async Task Taking_a_trust_while_keystone_is_unreachable_is_a_503_fault()
    {
        var trusts = Trusts(out var provider);
        using var owned = provider;
        var caller = new TenantContext();
        caller.Set("p1", new TenantIdentity("p1", "u", ["member"]), Token("p1"));

        var e = await Assert.ThrowsAsync<FaultException>(() => trusts.TakeAsync(caller, "p1", TestContext.Current.CancellationToken));

        Assert.Equal(503, e.Fault.Code);
        Assert.Equal("serviceUnavailable", e.Fault.Name);
        Assert.Equal(TimeSpan.FromSeconds(10), e.Fault.RetryAfter);
    }

    [Fact]
    public async Task Redeeming_a_trust_while_keystone_is_unreachable_is_a_transient_store_failure()
    {
        var trusts = Trusts(out var provider);
        using var owned = provider;

        var e = await Assert.ThrowsAsync<ObjectStoreException>(
            () => trusts.ForTrust("p1", "0123456789abcdef").AuthenticateAsync(null, TestContext.Current.CancellationToken));

        Assert.True(e.IsTransient, e.Message);
        Assert.True(e.IsOutage);
    }

    private static UserStoreTrusts Trusts(out ServiceProvider provider)
    {
        var options = new VolumeBackupOptions();
        options.Identity.Kind = IdentityKind.Keystone;
        options.Identity.Keystone.AuthUrl = new Uri($"http://127.0.0.1:{ClosedPort()}/v3");
        options.Identity.Keystone.ServicePassword = "x";
        options.Identity.Keystone.RequestTimeout = TimeSpan.FromSeconds(5);
        options.ObjectStore.Kind = ObjectStoreKind.Swift;
        options.ObjectStore.Swift.Mode = VolumeBackup.ObjectStores.Swift.SwiftMode.User;
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddKeystone(options.Identity.Keystone);
        provider = services.BuildServiceProvider();
        return UserStoreTrusts.Create(provider, options);
    }

    private static KeystoneToken Token(string project) =>
        new("token", DateTimeOffset.UtcNow.AddMinutes(1), "user-id", "u", project, project, ["member"], null, []);

    // A port that was free a moment ago: connections to it are refused at once.
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
