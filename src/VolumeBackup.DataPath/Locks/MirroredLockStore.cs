namespace VolumeBackup.DataPath.Locks;

/// <summary>
/// Locks kept in <paramref name="primary"/> (the database) and also in <paramref name="mirror"/> (the container's
/// <c>locks/</c> objects), for a rolling upgrade: nodes of earlier versions read and write only the objects, so a node of
/// this version writes its locks in both places and reads both. Between two nodes of this version the primary alone
/// decides (a lock is in it before anyone reads); the mirror can only add locks, which makes an operation wait or defer,
/// never go ahead.
/// </summary>
public sealed class MirroredLockStore(IContainerLockStore primary, IContainerLockStore mirror) : IContainerLockStore
{
    public string Container => primary.Container;

    /// <summary>
    /// The primary first, then the mirror. A failure leaves the write half done; the caller removes a lock whose first
    /// write failed, and a failed refresh is tried again (the primary row stays, so the lock never goes missing there).
    /// </summary>
    public async Task WriteAsync(StoredLock entry, CancellationToken ct)
    {
        await primary.WriteAsync(entry, ct);
        await mirror.WriteAsync(entry, ct);
    }

    public async Task DeleteAsync(string key, CancellationToken ct)
    {
        await primary.DeleteAsync(key, ct);
        await mirror.DeleteAsync(key, ct);
    }

    public async Task<IReadOnlyList<StoredLock>> ListAsync(CancellationToken ct)
    {
        var locks = new List<StoredLock>(await primary.ListAsync(ct));
        locks.AddRange(await mirror.ListAsync(ct));
        return locks;
    }

    public async Task RemoveStaleAsync(IReadOnlyList<StoredLock> stale, CancellationToken ct)
    {
        await primary.RemoveStaleAsync(stale, ct);
        await mirror.RemoveStaleAsync(stale, ct);
    }
}
