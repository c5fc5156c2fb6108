namespace VolumeBackup.Persistence.Locks;

/// <summary>
/// One container lock (backup, restore, delete or prune) kept in the database instead of as an object in the container,
/// so that whether a lock exists never depends on an object store's listing being up to date. A container is named by
/// its tenant and container name, as the service knows it. The lock's kind, owner and holder mean what they mean in the
/// data path's lock protocol; it counts while it is refreshed and its holder runs.
/// </summary>
public sealed class ContainerLockRecord
{
    public long Id { get; set; }

    public required string TenantId { get; set; }

    public required string Container { get; set; }

    /// <summary>The lock's name within its container (<c>kind-owner</c>, as the object-store locks are keyed).</summary>
    public required string Key { get; set; }

    public required string Kind { get; set; }

    public required string Owner { get; set; }

    /// <summary>The job holding the lock (<c>job:&lt;id&gt;:&lt;worker&gt;</c>), or null for a lock without a holder.</summary>
    public string? Holder { get; set; }

    public DateTimeOffset RefreshedAt { get; set; }
}
