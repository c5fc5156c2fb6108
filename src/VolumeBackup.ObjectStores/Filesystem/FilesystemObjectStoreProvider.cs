namespace VolumeBackup.ObjectStores.Filesystem;

/// <summary>Containers as directories under <c>{root}/{tenant}/{container}</c>: each tenant has its own tree, like a Swift account.</summary>
public sealed class FilesystemObjectStoreProvider(string root) : IObjectStoreProvider
{
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
}
