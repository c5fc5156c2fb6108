using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Filesystem;

namespace VolumeBackup.IntegrationTests.DataPath;

/// <summary>The compaction contract against the filesystem store.</summary>
public sealed class FilesystemCompactionTests : CompactionContract
{
    protected override Task<IObjectStore> OpenNewContainerAsync() =>
        Task.FromResult(new FilesystemObjectStoreProvider(Path.Combine(WorkDirectory, "stores")).Open("tenant", $"c-{Guid.NewGuid():N}"));
}
