using VolumeBackup.DataPath;
using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Filesystem;
using VolumeBackup.Testing.DataPath;

namespace VolumeBackup.UnitTests.DataPath;

/// <summary>A temp directory with a filesystem container and volume files, and small options that exercise many packs and spans.</summary>
public sealed class DataPathFixture : IDisposable
{
    public const int BlockSize = SmallDataPathOptions.BlockSize;

    private readonly string _dir = Directory.CreateTempSubdirectory("vb-datapath-").FullName;
    private int _volumes;

    public DataPathFixture()
    {
        StoreDirectory = Path.Combine(_dir, "container");
        Store = new FilesystemObjectStore(StoreDirectory, "backups");
    }

    /// <summary>See <see cref="SmallDataPathOptions"/>.</summary>
    public static DataPathOptions SmallOptions => SmallDataPathOptions.Value;

    public string StoreDirectory { get; }

    public IObjectStore Store { get; }

    public VolumeFile NewVolume(long length) => VolumeFile.Create(Path.Combine(_dir, $"volume-{++_volumes}.raw"), length);

    public static BackupDescriptor Describe(string backupId, string? previous = null) =>
        new(backupId, "vol-1", $"name {backupId}", null, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), previous);

    public async Task<BackupResult> BackupAsync(
        BackupEngine engine, VolumeFile volume, string backupId, string? previous = null, IObjectStore? store = null, IBlockIndex? index = null)
    {
        using var handle = volume.Open();
        return await engine.BackupAsync(handle, store ?? Store, Describe(backupId, previous), index, null, TestContext.Current.CancellationToken);
    }

    public async Task<VolumeFile> RestoreAsync(BackupEngine engine, string backupId, long length, VolumeFile? target = null)
    {
        target ??= NewVolume(length);
        using var handle = target.Open(writable: true);
        await engine.RestoreAsync(Store, backupId, handle, null, TestContext.Current.CancellationToken);
        return target;
    }

    public string[] Keys(string prefix) =>
        Directory.Exists(Path.Combine(StoreDirectory, prefix))
            ? Directory.EnumerateFiles(Path.Combine(StoreDirectory, prefix), "*", SearchOption.AllDirectories)
                .Where(f => !Path.GetFileName(f).StartsWith('.'))
                .Select(f => Path.GetRelativePath(StoreDirectory, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)
                .ToArray()
            : [];

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
