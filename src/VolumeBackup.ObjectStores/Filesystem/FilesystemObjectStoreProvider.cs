namespace VolumeBackup.ObjectStores.Filesystem;

/// <summary>Containers as directories under <c>{root}/{tenant}/{container}</c>: each tenant has its own tree, like a Swift account.</summary>
public sealed class FilesystemObjectStoreProvider(string root) : IObjectStoreProvider, IObjectStoreProbe
{
    /// <summary>Less free space than two packs (8 MiB each) and the next backup cannot land: report the store full.</summary>
    public const long MinimumFreeBytes = 16L << 20;

    private readonly string _root = Path.GetFullPath(root);

    public IObjectStore Open(string tenantId, string container)
    {
        if (!ObjectKeys.IsValidContainer(tenantId))
        {
            throw new ArgumentException($"'{tenantId}' is not a valid tenant id.", nameof(tenantId));
        }

        if (!ObjectKeys.IsValidContainer(container))
        {
            throw new ArgumentException($"'{container}' is not a valid container name.", nameof(container));
        }

        return new FilesystemObjectStore(Path.Combine(_root, tenantId, container), container);
    }

    /// <summary>A local tree has no per-user accounts: the tenant's directory, whatever the credentials.</summary>
    public IObjectStore Open(string tenantId, string container, IStoreCredentials credentials) => Open(tenantId, container);

    /// <summary>Free space on the root's file system, then a small write, flush and delete under the root.</summary>
    public async Task<ObjectStoreHealth> ProbeAsync(CancellationToken ct)
    {
        var probe = Path.Combine(_root, $".healthz.{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(_root);
            if (new DriveInfo(_root).AvailableFreeSpace < MinimumFreeBytes)
            {
                return ObjectStoreHealth.Full;
            }

            await using (var file = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                await file.WriteAsync(new byte[512], ct);
                file.Flush(flushToDisk: true);
            }

            File.Delete(probe);
            return ObjectStoreHealth.Ok;
        }
        catch (Exception e) when (FilesystemErrors.Classify(e, "health probe", probe) is { } error)
        {
            try
            {
                File.Delete(probe);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // the probe's own failure is the answer
            }

            return ObjectStoreHealth.Of(error);
        }
    }
}
