using VolumeBackup.ObjectStores.Decorators;
using VolumeBackup.ObjectStores.Swift;

namespace VolumeBackup.ObjectStores;

/// <summary>
/// Where backups are stored, bound from configuration (section <c>ObjectStore</c>). Switching to Swift is one setting:
/// <c>Kind = Swift</c> plus the <see cref="Swift"/> section.
/// </summary>
public sealed class ObjectStoreOptions
{
    public ObjectStoreKind Kind { get; set; } = ObjectStoreKind.Filesystem;

    /// <summary>Root directory of the filesystem store: containers are <c>{root}/{tenant}/{container}</c>.</summary>
    public string? FilesystemRoot { get; set; }

    public SwiftOptions Swift { get; set; } = new();

    /// <summary>Retries of transient failures, applied to every store the provider opens (off when MaxRetryAttempts is 0).</summary>
    public RetryOptions Retry { get; set; } = new();
}
