using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Decorators;
using VolumeBackup.ObjectStores.Filesystem;
using VolumeBackup.Testing.ObjectStores;

namespace VolumeBackup.UnitTests.ObjectStores;

/// <summary>The object-store contract through each decorator over the filesystem driver: a decorator must not change it.</summary>
public abstract class DecoratedFilesystemObjectStoreTests : ObjectStoreContract, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("vb-decorated-").FullName;

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected abstract IObjectStore Decorate(IObjectStore inner);

    protected override Task<IObjectStore> OpenNewContainerAsync() =>
        Task.FromResult(Decorate(new FilesystemObjectStoreProvider(_root).Open("tenant-a", $"c-{Guid.NewGuid():N}")));
}

public sealed class RetryingFilesystemObjectStoreTests : DecoratedFilesystemObjectStoreTests
{
    protected override IObjectStore Decorate(IObjectStore inner) =>
        new RetryingObjectStore(inner, new RetryOptions { BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero });
}

public sealed class ThrottledFilesystemObjectStoreTests : DecoratedFilesystemObjectStoreTests
{
    // Fast enough that the contract's few megabytes pace in well under a second.
    protected override IObjectStore Decorate(IObjectStore inner) => new ThrottledObjectStore(inner, 1L << 30, TimeProvider.System);
}
