namespace VolumeBackup.DataPath;

/// <summary>
/// Who runs an operation, as its container locks name it. Another process that finds such a lock asks whether its owner
/// still runs, so the lock of a process that was killed counts as stale as soon as its owner is known to have stopped,
/// instead of after <see cref="DataPathOptions.LockStaleAfter"/>. The job service implements it over its job leases.
/// An operation run with an owner also never waits for a lock: it fails with <see cref="ContainerBusyException"/> instead,
/// so that its caller can free the worker and try again later.
/// </summary>
public interface ILockOwner
{
    /// <summary>Written into every lock the operation takes (the <c>holder</c> field of the lock's body).</summary>
    string Id { get; }

    /// <summary>
    /// Whether the owner named <paramref name="ownerId"/> (this one or another) still runs. False makes that owner's
    /// locks stale at once. When it cannot tell (its database is unreachable), it answers true, leaving the lock to the
    /// time rule.
    /// </summary>
    Task<bool> IsRunningAsync(string ownerId, CancellationToken ct);
}
