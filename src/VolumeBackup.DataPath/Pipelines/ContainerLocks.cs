using VolumeBackup.DataPath.Locks;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// Locks that keep a sweep (mark, compaction, deletion) from pulling objects from under a backup, a restore or a
/// delete. Every side writes its own lock first and then reads the others', so whichever looks second sees the first.
/// <list type="bullet">
/// <item>Backup: writes its lock, then waits while a live prune lock exists (it may refer to any old pack, so it must not
/// start while a sweep decides what is garbage). A sweep that sees a live backup lock defers.</item>
/// <item>Restore: writes its lock and then reads the root; it never waits. A sweep that sees a live restore lock when it
/// starts defers. A restore that starts during a sweep is safe without waiting: the sweep deletes only (a) objects no root
/// referred to when it marked, which no restore reads since roots appear only through backups (which wait) and through
/// the sweep itself, and (b) the packs and segments its compaction replaced, which it deletes only after listing the
/// locks again once every rewritten root has landed. A restore whose lock is missing from that listing wrote it after
/// the listing, so it reads its root after the rewrite and never needs a replaced object; a restore whose lock is in the
/// listing keeps the replaced objects in place (they are garbage for a later sweep, which defers while it runs).</item>
/// <item>Delete: writes its lock, waits while a live prune lock exists, deletes the root, releases. A sweep that sees a
/// live delete lock defers. So a sweep never reads a root that a delete removes before the sweep ends: either the delete
/// wrote its lock first (the sweep sees it and defers, or the lock is gone and so is the root before the sweep marks) or
/// the prune lock came first (the delete sees it and waits until the sweep, with its root rewrites, has ended). This is
/// what keeps a compaction from writing back a root a delete just removed.</item>
/// </list>
/// A lock dies with its owner: one that names a holder (<see cref="ILockOwner"/>, a job of the service) is stale as soon
/// as the reader's <see cref="ILockOwner.IsRunningAsync"/> says that holder stopped (its job lease ran out or passed to
/// another worker). Any lock not refreshed within <see cref="DataPathOptions.LockStaleAfter"/> is stale too (locks
/// written without a holder, or read where nobody can ask). Holders refresh every
/// <see cref="DataPathOptions.LockRefreshInterval"/>, and a sweep refreshes before each root it rewrites, so a live
/// holder's lock never goes stale; a sweep also confirms its own holder still runs before each batch it deletes.
/// With an owner, nothing waits for a lock: a backup or delete that meets a live prune lock removes its own lock and
/// throws <see cref="ContainerBusyException"/>.
/// The locks live in an <see cref="IContainerLockStore"/>: the service's database, or objects under <c>locks/</c> in the
/// container. The argument above needs only that a reader sees every lock written before it read.
/// </summary>
internal sealed class ContainerLocks(IContainerLockStore store, TimeProvider time, DataPathOptions options, ILockOwner? lockOwner = null)
{
    /// <summary>Locks kept as objects in <paramref name="objects"/>' container (no database).</summary>
    public ContainerLocks(IObjectStore objects, TimeProvider time, DataPathOptions options, ILockOwner? lockOwner = null)
        : this(new ObjectStoreLockStore(objects), time, options, lockOwner)
    {
    }

    public static string KeyOf(string kind, string owner) => $"{kind}-{owner}";

    public async Task<LockLease> WriteAsync(string kind, string owner, CancellationToken ct)
    {
        var lease = new LockLease(this, kind, owner);
        try
        {
            await lease.RefreshAsync(ct);
        }
        catch
        {
            // Not written everywhere (a lock store that keeps it in two places): leave no half of it behind.
            await lease.TryReleaseAsync();
            throw;
        }

        return lease;
    }

    internal Task PutAsync(string kind, string owner, CancellationToken ct) =>
        store.WriteAsync(new StoredLock(KeyOf(kind, owner), kind, owner, time.GetUtcNow(), lockOwner?.Id), ct);

    internal Task DeleteAsync(string kind, string owner, CancellationToken ct) => store.DeleteAsync(KeyOf(kind, owner), ct);

    /// <summary>Removes locks found stale (by a sweep that runs, so no live lock was among them).</summary>
    internal Task RemoveStaleAsync(IReadOnlyList<StoredLock> stale, CancellationToken ct) =>
        stale.Count == 0 ? Task.CompletedTask : store.RemoveStaleAsync(stale, ct);

    internal DateTimeOffset Now => time.GetUtcNow();

    internal TimeSpan RefreshInterval => options.LockRefreshInterval;

    /// <summary>False when this process's own owner has stopped (its job was lost): a sweep must then delete nothing more.</summary>
    internal Task<bool> OwnerStillRunsAsync(CancellationToken ct) =>
        lockOwner is null ? Task.FromResult(true) : lockOwner.IsRunningAsync(lockOwner.Id, ct);

    /// <summary>Locks refreshed within the stale time, except the one named <paramref name="ownKey"/>; also the stale ones.</summary>
    public async Task<(List<StoredLock> Live, List<StoredLock> Stale)> ReadOthersAsync(string ownKey, CancellationToken ct)
    {
        var live = new List<StoredLock>();
        var stale = new List<StoredLock>();
        var holders = new Dictionary<string, bool>(StringComparer.Ordinal); // one question per holder and listing
        var now = time.GetUtcNow();
        foreach (var entry in await store.ListAsync(ct))
        {
            if (entry.Key == ownKey)
            {
                continue;
            }

            if (now - entry.RefreshedAt < options.LockStaleAfter && await HolderRunsAsync(entry.Holder, holders, ct))
            {
                live.Add(entry);
            }
            else
            {
                stale.Add(entry);
            }
        }

        return (live, stale);
    }

    private async Task<bool> HolderRunsAsync(string? holder, Dictionary<string, bool> answers, CancellationToken ct)
    {
        if (holder is null || lockOwner is null)
        {
            return true; // nobody to ask: the time rule alone decides
        }

        if (!answers.TryGetValue(holder, out var runs))
        {
            runs = await lockOwner.IsRunningAsync(holder, ct);
            answers[holder] = runs;
        }

        return runs;
    }

    /// <summary>Writes a backup lock, then waits while a live sweep holds a prune lock (with an owner: throws instead).</summary>
    public Task<LockLease> AcquireForBackupAsync(string backupId, CancellationToken ct) =>
        AcquireWaitingForPruneAsync(ContainerLock.BackupKind, backupId, ct);

    /// <summary>Writes a delete lock, then waits while a live sweep holds a prune lock (see the class comment).</summary>
    public Task<LockLease> AcquireForDeleteAsync(CancellationToken ct) =>
        AcquireWaitingForPruneAsync(ContainerLock.DeleteKind, Guid.NewGuid().ToString("N"), ct);

    /// <summary>Writes a restore lock. A restore never waits: sweeps keep what it may read (see the class comment).</summary>
    public Task<LockLease> AcquireForRestoreAsync(CancellationToken ct) =>
        WriteAsync(ContainerLock.RestoreKind, Guid.NewGuid().ToString("N"), ct);

    /// <summary>Whether any live lock other than <paramref name="lease"/>'s exists now.</summary>
    public async Task<bool> AnyOtherLiveAsync(LockLease lease, CancellationToken ct) =>
        (await ReadOthersAsync(lease.Key, ct)).Live.Count > 0;

    private async Task<LockLease> AcquireWaitingForPruneAsync(string kind, string owner, CancellationToken ct)
    {
        var lease = await WriteAsync(kind, owner, ct);
        try
        {
            while (true)
            {
                var (live, _) = await ReadOthersAsync(lease.Key, ct);
                if (!live.Any(l => l.Kind == ContainerLock.PruneKind))
                {
                    return lease;
                }

                if (lockOwner is not null)
                {
                    // The caller frees its worker and tries again later; the catch below removes this lock.
                    throw new ContainerBusyException(store.Container, options.LockPollInterval);
                }

                await Task.Delay(options.LockPollInterval, time, ct);
                await lease.RefreshIfDueAsync(ct);
            }
        }
        catch
        {
            await lease.TryReleaseAsync(); // cancelled or failed while waiting: leave no lock behind to go stale
            throw;
        }
    }

    /// <summary>Writes a prune lock and keeps it only when no other live lock exists; null means "defer the sweep".</summary>
    public async Task<(LockLease? Lease, List<StoredLock> Stale)> TryAcquireForPruneAsync(CancellationToken ct)
    {
        var lease = await WriteAsync(ContainerLock.PruneKind, Guid.NewGuid().ToString("N"), ct);
        var (live, stale) = await ReadOthersAsync(lease.Key, ct);
        if (live.Count == 0)
        {
            return (lease, stale);
        }

        await lease.ReleaseAsync(ct);
        return (null, stale);
    }
}
