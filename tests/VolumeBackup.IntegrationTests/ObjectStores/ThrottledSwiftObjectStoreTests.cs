using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Decorators;
using VolumeBackup.Testing.ObjectStores;

namespace VolumeBackup.IntegrationTests.ObjectStores;

/// <summary>
/// The object-store contract against Swift as a job with a bandwidth limit sees it: the driver inside the retrying
/// decorator inside the throttling one.
/// </summary>
public sealed class ThrottledSwiftObjectStoreTests : ObjectStoreContract, IAsyncDisposable
{
    private const int PageSize = 5;

    private readonly SwiftTestContainers _containers = new(ObjectStoreProviderFactory.Create(new ObjectStoreOptions
    {
        Kind = ObjectStoreKind.Swift,
        Swift = SwiftFixture.UserModeOptions(PageSize),
    }));

    protected override int ListPageSize => PageSize;

    protected override Task<IObjectStore> OpenNewContainerAsync() =>
        Task.FromResult<IObjectStore>(new ThrottledObjectStore(_containers.OpenNew(), 1L << 30, TimeProvider.System));

    public ValueTask DisposeAsync() => _containers.DisposeAsync();
}
