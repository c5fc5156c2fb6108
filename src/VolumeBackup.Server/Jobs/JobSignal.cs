using Microsoft.Extensions.Options;
using VolumeBackup.Server.Hosting;

namespace VolumeBackup.Server.Jobs;

/// <summary>
/// Wakes idle workers of this node when a job may be waiting for them, so a job starts at once instead of at the next
/// poll. Each <see cref="Notify"/> wakes one idle loop; a loop that then claims a job passes the wake-up on (see
/// <see cref="JobWorker"/>), so several jobs queued at once start several idle loops. Sources: this node's API (every
/// enqueue), the PostgreSQL listener (jobs queued or put back by any node) and this node's lease recovery. A lost
/// wake-up only costs one poll interval.
/// </summary>
internal sealed class JobSignal(IOptions<BackupOptions> options) : IDisposable
{
    // A loop only waits after finding the queue empty, so more wake-ups pending than there are loops would only buy
    // empty claims later.
    private readonly int _maxPending = Math.Max(1, options.Value.Workers);
    private readonly SemaphoreSlim _pending = new(0, int.MaxValue);

    public void Notify()
    {
        if (_pending.CurrentCount < _maxPending)
        {
            _pending.Release();
        }
    }

    /// <summary>True when woken, false when <paramref name="timeout"/> passed first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _pending.WaitAsync(timeout, ct);

    public void Dispose() => _pending.Dispose();
}
