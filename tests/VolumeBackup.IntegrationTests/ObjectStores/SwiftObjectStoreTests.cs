using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Swift;
using VolumeBackup.Testing.ObjectStores;

namespace VolumeBackup.IntegrationTests.ObjectStores;

/// <summary>The object-store contract against the real Swift driver, in tenant A's own account.</summary>
public sealed class SwiftObjectStoreTests : ObjectStoreContract, IAsyncDisposable
{
    private readonly SwiftObjectStoreProvider _provider;
    private readonly List<string> _containers = [];

    public SwiftObjectStoreTests() => _provider = new SwiftObjectStoreProvider(SwiftFixture.UserModeOptions(ListPageSize));

    protected override int ListPageSize => 7;

    protected override Task<IObjectStore> OpenNewContainerAsync()
    {
        SwiftFixture.Require();
        var name = SwiftFixture.NewContainerName();
        _containers.Add(name);
        return Task.FromResult(_provider.Open(SwiftFixture.TenantA, name));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var name in _containers)
        {
            await SwiftFixture.DeleteContainerAsync(SwiftFixture.TenantACredentials, name, CancellationToken.None);
        }

        _provider.Dispose();
    }
}
