using VolumeBackup.ObjectStores;
using VolumeBackup.Testing.ObjectStores;

namespace VolumeBackup.IntegrationTests.ObjectStores;

/// <summary>The object-store contract against Swift as the configuration builds it: the driver inside the retrying decorator.</summary>
public sealed class RetryingSwiftObjectStoreTests : ObjectStoreContract, IAsyncDisposable
{
    private readonly IObjectStoreProvider _provider;
    private readonly List<string> _containers = [];

    public RetryingSwiftObjectStoreTests() => _provider = ObjectStoreProviderFactory.Create(new ObjectStoreOptions
    {
        Kind = ObjectStoreKind.Swift,
        Swift = SwiftFixture.UserModeOptions(ListPageSize),
    });

    protected override int ListPageSize => 5;

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

        (_provider as IDisposable)?.Dispose();
    }
}
