using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Swift;
using VolumeBackup.Testing.ObjectStores;

namespace VolumeBackup.IntegrationTests.DataPath.Verify;

/// <summary>The verification contract against the real Swift driver, in tenant A's own account.</summary>
public sealed class SwiftVerifyTests : VerifyContract
{
    private readonly SwiftTestContainers _containers = new(new SwiftObjectStoreProvider(SwiftFixture.UserModeOptions()));

    protected override Task<IObjectStore> OpenNewContainerAsync() => Task.FromResult(_containers.OpenNew());

    public override void Dispose()
    {
        _containers.DisposeAsync().AsTask().GetAwaiter().GetResult(); // the contract's disposal is synchronous
        base.Dispose();
    }
}
