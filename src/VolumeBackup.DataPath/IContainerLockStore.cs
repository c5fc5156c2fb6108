namespace VolumeBackup.DataPath;

/// <summary>
/// Where the locks of ONE container are kept (see the lock protocol in docs/backup-format.md): objects under
/// <c>locks/</c> in the container itself (<see cref="Locks.ObjectStoreLockStore"/>, the engine's default), or rows of the
/// service's database (an implementation in persistence). The protocol (write one's own lock, then read the others') is
/// safe only when <see cref="ListAsync"/> returns every lock whose <see cref="WriteAsync"/> has completed, on any node:
/// a database gives that always, an object store only when its listings are up to date.
/// </summary>
public interface IContainerLockStore
{
    /// <summary>The container's name, for messages.</summary>
    string Container { get; }

    /// <summary>Writes <paramref name="entry"/>, or replaces the lock with its key (a refresh). Failures propagate.</summary>
    Task WriteAsync(StoredLock entry, CancellationToken ct);

    /// <summary>Removes the lock named <paramref name="key"/>; a missing one is already removed.</summary>
    Task DeleteAsync(string key, CancellationToken ct);

    /// <summary>Every lock of the container as it is now, live or stale.</summary>
    Task<IReadOnlyList<StoredLock>> ListAsync(CancellationToken ct);

    /// <summary>
    /// Removes locks a sweep found stale. An implementation that can removes each only while it is still as listed, so a
    /// lock refreshed since (a resumed backup writing the same key) stays.
    /// </summary>
    Task RemoveStaleAsync(IReadOnlyList<StoredLock> stale, CancellationToken ct);
}
