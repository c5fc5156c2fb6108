using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Swift;
using VolumeBackup.Testing.ObjectStores;

namespace VolumeBackup.IntegrationTests.ObjectStores;

/// <summary>The object-store contract against the real Swift driver, in tenant A's own account.</summary>
public sealed class SwiftObjectStoreTests : ObjectStoreContract, IAsyncDisposable
{
    private const int PageSize = 7;

    private readonly SwiftTestContainers _containers = new(new SwiftObjectStoreProvider(SwiftFixture.UserModeOptions(PageSize)));

    protected override int ListPageSize => PageSize;

    protected override Task<IObjectStore> OpenNewContainerAsync() => Task.FromResult(_containers.OpenNew());

    public ValueTask DisposeAsync() => _containers.DisposeAsync();
}
