using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Swift;
using VolumeBackup.Testing.ObjectStores;

namespace VolumeBackup.IntegrationTests.DataPath;

/// <summary>The compaction contract against the real Swift driver, in tenant A's own account.</summary>
public sealed class SwiftCompactionTests : CompactionContract
{
    private readonly SwiftObjectStoreProvider _provider = new(SwiftFixture.UserModeOptions());
    private readonly List<string> _containers = [];

    protected override Task<IObjectStore> OpenNewContainerAsync()
    {
        SwiftFixture.Require();
        var name = SwiftFixture.NewContainerName();
        _containers.Add(name);
        return Task.FromResult(_provider.Open(SwiftFixture.TenantA, name));
    }

    public override void Dispose()
    {
        foreach (var name in _containers)
        {
            SwiftFixture.DeleteContainerAsync(SwiftFixture.TenantACredentials, name, CancellationToken.None).GetAwaiter().GetResult();
        }

        _provider.Dispose();
        base.Dispose();
    }
}
