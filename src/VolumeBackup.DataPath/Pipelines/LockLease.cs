namespace VolumeBackup.DataPath.Pipelines;

/// <summary>A lock this process holds: refreshed while work goes on, deleted when it ends.</summary>
internal sealed class LockLease(ContainerLocks locks, string kind, string owner)
{
    private DateTimeOffset _refreshedAt;

    public string Key => ContainerLocks.KeyOf(kind, owner);

    public async Task RefreshAsync(CancellationToken ct)
    {
        _refreshedAt = locks.Now;
        await locks.PutAsync(kind, owner, ct);
    }

    /// <summary>Cheap to call often: writes only once the refresh interval has passed.</summary>
    public Task RefreshIfDueAsync(CancellationToken ct) =>
        locks.Now - _refreshedAt >= locks.RefreshInterval ? RefreshAsync(ct) : Task.CompletedTask;

    /// <summary>
    /// Refreshes the lock every refresh interval until <paramref name="ct"/> is cancelled, for work that does not call
    /// <see cref="RefreshIfDueAsync"/> itself (a restore). A failed refresh is tried again at the next interval: the lock
    /// goes stale only after several failures in a row, and even then a sweep can only make the restore fail on a missing
    /// object (every block is verified), never write wrong bytes.
    /// </summary>
    public async Task KeepRefreshedAsync(TimeProvider time, CancellationToken ct)
    {
        // A periodic timer keeps its beat while a refresh is in flight, so a slow PUT does not push later refreshes back.
        using var timer = new PeriodicTimer(locks.RefreshInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await RefreshAsync(ct);
                }
                catch (Exception) when (!ct.IsCancellationRequested)
                {
                    // tried again at the next tick (a store or database error alike)
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // the work ended
        }
    }

    /// <summary>
    /// Before each batch a sweep deletes: refreshes the lock when due, and stops the sweep when its own owner no longer
    /// runs (its job passed to another worker, whose readers now count this lock as stale and may start a backup).
    /// </summary>
    public async Task ConfirmAsync(CancellationToken ct)
    {
        await RefreshIfDueAsync(ct);
        if (!await locks.OwnerStillRunsAsync(ct))
        {
            throw new OperationCanceledException($"The holder of {Key} stopped running; nothing more is deleted under it.");
        }
    }

    public Task ReleaseAsync(CancellationToken ct) => locks.DeleteAsync(kind, owner, ct);

    /// <summary>
    /// Releases at the end of a run, successful or not. A store error here must neither hide the run's own error nor fail a
    /// backup whose root already landed (whether the lock store is the object store or a database); the lock then goes
    /// stale on its own.
    /// </summary>
    public async Task TryReleaseAsync()
    {
        try
        {
            await locks.DeleteAsync(kind, owner, CancellationToken.None);
        }
        catch (Exception)
        {
            // left to go stale: its holder stops running, or DataPathOptions.LockStaleAfter passes
        }
    }
}
