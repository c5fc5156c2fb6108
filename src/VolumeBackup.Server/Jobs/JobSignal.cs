namespace VolumeBackup.Server.Jobs;

/// <summary>
/// Wakes an idle worker of this node when the API queued a job, so a job starts at once instead of at the next poll.
/// Jobs queued by other nodes are found by polling; a lost wake-up only costs one poll interval.
/// </summary>
internal sealed class JobSignal : IDisposable
{
    private const int MaxPending = 64;
    private readonly SemaphoreSlim _pending = new(0, int.MaxValue);

    public void Notify()
    {
        if (_pending.CurrentCount < MaxPending)
        {
            _pending.Release();
        }
    }

    /// <summary>True when woken, false when <paramref name="timeout"/> passed first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _pending.WaitAsync(timeout, ct);

    public void Dispose() => _pending.Dispose();
}
