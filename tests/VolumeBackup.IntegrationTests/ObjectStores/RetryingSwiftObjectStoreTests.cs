using VolumeBackup.ObjectStores;
using VolumeBackup.Testing.ObjectStores;

namespace VolumeBackup.IntegrationTests.ObjectStores;

/// <summary>The object-store contract against Swift as the configuration builds it: the driver inside the retrying decorator.</summary>
public sealed class RetryingSwiftObjectStoreTests : ObjectStoreContract, IAsyncDisposable
{
    private const int PageSize = 5;

    private readonly SwiftTestContainers _containers = new(ObjectStoreProviderFactory.Create(new ObjectStoreOptions
    {
        Kind = ObjectStoreKind.Swift,
        Swift = SwiftFixture.UserModeOptions(PageSize),
    }));

    protected override int ListPageSize => PageSize;

    protected override Task<IObjectStore> OpenNewContainerAsync() => Task.FromResult(_containers.OpenNew());

    public ValueTask DisposeAsync() => _containers.DisposeAsync();
}
