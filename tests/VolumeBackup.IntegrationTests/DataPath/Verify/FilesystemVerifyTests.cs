using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Filesystem;

namespace VolumeBackup.IntegrationTests.DataPath.Verify;

/// <summary>The verification contract over the filesystem object store.</summary>
public sealed class FilesystemVerifyTests : VerifyContract
{
    private readonly string _root = Directory.CreateTempSubdirectory("vb-verify-store-").FullName;
    private int _containers;

    protected override Task<IObjectStore> OpenNewContainerAsync() =>
        Task.FromResult(new FilesystemObjectStoreProvider(_root).Open("tenant", $"c{++_containers}"));

    public override void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        base.Dispose();
    }
}
