using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Filesystem;
using VolumeBackup.Testing.ObjectStores;

namespace VolumeBackup.UnitTests.ObjectStores;

/// <summary>The object-store contract against the filesystem driver.</summary>
public sealed class FilesystemObjectStoreTests : ObjectStoreContract, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("vb-objects-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    protected override Task<IObjectStore> OpenNewContainerAsync() =>
        Task.FromResult(new FilesystemObjectStoreProvider(_root).Open("tenant-a", $"c-{Guid.NewGuid():N}"));
}
