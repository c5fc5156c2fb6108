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

    public async Task WriteAsync(StoredLock entry, CancellationToken ct)
    {
        await primary.WriteAsync(entry, ct);
        try
        {
            await mirror.WriteAsync(entry, ct);
        }
        catch (Exception)
        {
            // Not written everywhere: a caller that gives up on the lock must not leave half of it behind.
            await TryDeleteAsync(primary, entry.Key);
            throw;
        }
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

    private static async Task TryDeleteAsync(IContainerLockStore store, string key)
    {
        try
        {
            await store.DeleteAsync(key, CancellationToken.None);
        }
        catch (Exception)
        {
            // left to go stale: its holder stops running, or the time rule ends it
        }
    }
}
