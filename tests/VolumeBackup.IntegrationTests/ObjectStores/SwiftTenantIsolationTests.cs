using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Swift;
using VolumeBackup.Testing.ObjectStores;

namespace VolumeBackup.IntegrationTests.ObjectStores;

/// <summary>A tenant's store reaches only that tenant's account (user mode) or containers (service mode).</summary>
public sealed class SwiftTenantIsolationTests : IAsyncDisposable
{
    private readonly List<(SwiftAccountCredentials Account, string Container)> _created = [];
    private readonly List<IDisposable> _owned = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        foreach (var item in _owned)
        {
            item.Dispose();
        }

        foreach (var (account, container) in _created)
        {
            await SwiftFixture.DeleteContainerAsync(account, container, CancellationToken.None);
        }
    }

    private SwiftObjectStoreProvider Provider(SwiftOptions options)
    {
        SwiftFixture.Require();
        var provider = new SwiftObjectStoreProvider(options);
        _owned.Add(provider);
        return provider;
    }

    [Fact]
    public async Task In_user_mode_the_same_container_name_is_a_different_container_in_each_tenants_account()
    {
        var provider = Provider(SwiftFixture.UserModeOptions());
        var name = SwiftFixture.NewContainerName();
        _created.Add((SwiftFixture.TenantACredentials, name));
        _created.Add((SwiftFixture.TenantBCredentials, name));
        var storeA = provider.Open(SwiftFixture.TenantA, name);
        var storeB = provider.Open(SwiftFixture.TenantB, name);
        await storeA.EnsureContainerAsync(Ct);
        await storeA.PutAsync("backups/a/manifest.json", new byte[] { 1, 2, 3 }, null, Ct);

        await Assert.ThrowsAsync<ObjectNotFoundException>(async () => await storeB.ListAsync(string.Empty, Ct).ToListAsync(Ct));
        await storeB.EnsureContainerAsync(Ct);

        Assert.Empty(await storeB.ListAsync(string.Empty, Ct).ToListAsync(Ct));
        Assert.Null(await storeB.TryGetInfoAsync("backups/a/manifest.json", Ct));
        Assert.NotNull(await storeA.TryGetInfoAsync("backups/a/manifest.json", Ct));
    }

    [Fact]
    public async Task One_tenants_credentials_pointed_at_another_tenants_account_are_refused_with_a_clear_error()
    {
        var name = SwiftFixture.NewContainerName();
        _created.Add((SwiftFixture.TenantBCredentials, name));
        var owner = Provider(SwiftFixture.UserModeOptions()).Open(SwiftFixture.TenantB, name);
        await owner.EnsureContainerAsync(Ct);
        await owner.PutAsync("secret", new byte[] { 42 }, null, Ct);
        // A mis-configured (or forged) mapping: tenant A's user, tenant B's storage URL.
        var forged = SwiftFixture.UserModeOptions();
        forged.Tenants[SwiftFixture.TenantA] = SwiftFixture.TenantACredentials;
        forged.Tenants[SwiftFixture.TenantA].StorageUrl = SwiftFixture.TenantBStorageUrl;
        var intruder = Provider(forged).Open(SwiftFixture.TenantA, name);

        var read = await Assert.ThrowsAsync<ObjectStoreException>(() => intruder.GetAsync("secret", new System.Buffers.ArrayBufferWriter<byte>(), Ct));
        var list = await Assert.ThrowsAsync<ObjectStoreException>(async () => await intruder.ListAsync(string.Empty, Ct).ToListAsync(Ct));
        var write = await Assert.ThrowsAsync<ObjectStoreException>(() => intruder.PutAsync("planted", new byte[] { 1 }, null, Ct));

        foreach (var error in new[] { read, list, write })
        {
            Assert.IsNotType<ObjectNotFoundException>(error);
            Assert.False(error.IsTransient);
            Assert.Contains("403", error.Message, StringComparison.Ordinal);
            Assert.Contains("access denied", error.Message, StringComparison.Ordinal);
        }

        Assert.Null(await owner.TryGetInfoAsync("planted", Ct));
    }

    [Fact]
    public void A_tenant_without_a_configured_account_gets_no_store()
    {
        var provider = Provider(SwiftFixture.UserModeOptions());

        var error = Assert.Throws<ObjectStoreException>(() => provider.Open("tenant-unknown", "backups"));

        Assert.False(error.IsTransient);
        Assert.Contains("tenant-unknown", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_service_mode_tenants_share_the_operator_account_but_never_a_container()
    {
        var prefix = $"vbsvc{Guid.NewGuid():N}"[..16] + "-";
        var provider = Provider(new SwiftOptions
        {
            AuthUrl = SwiftFixture.AuthUrl,
            Mode = SwiftMode.Service,
            ServiceAccount = SwiftFixture.TenantACredentials,
            ContainerPrefix = prefix,
        });
        _created.Add((SwiftFixture.TenantACredentials, $"{prefix}t1_backups"));
        _created.Add((SwiftFixture.TenantACredentials, $"{prefix}t2_backups"));
        var one = provider.Open("t1", "backups");
        var two = provider.Open("t2", "backups");
        await one.EnsureContainerAsync(Ct);
        await two.EnsureContainerAsync(Ct);

        await one.PutAsync("backups/x/manifest.json", new byte[] { 1 }, null, Ct);

        Assert.Equal("backups", one.Container);
        Assert.Null(await two.TryGetInfoAsync("backups/x/manifest.json", Ct));
        var operatorView = provider.Open("t1", "backups");
        Assert.NotNull(await operatorView.TryGetInfoAsync("backups/x/manifest.json", Ct));
        Assert.Throws<ArgumentException>(() => provider.Open("t1_backups", "x"));
    }
}
