namespace VolumeBackup.Server.Jobs;

/// <summary>
/// Times one job's wait through object store outages. The outage starts at the first failure; the job may start over
/// after a backoff (2 s doubling to 30 s) until <c>budget</c> has passed since then. A run that gets further than every
/// earlier run (more bytes done) before failing again ends that outage: the next failure starts a new one, so a long
/// job survives several short outages, while a store that never lets it advance fails it after the budget.
/// </summary>
internal sealed class StoreOutageClock(TimeSpan budget, TimeProvider time)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(30);
    private long _startedAt;
    private long _furthest = -1;
    private TimeSpan _nextDelay = FirstDelay;
    private bool _inOutage;

    public TimeSpan Budget => budget;

    /// <summary>
    /// Records a failure after <paramref name="bytesDone"/>; returns the delay before starting over, or null when the
    /// budget is spent (the job fails).
    /// </summary>
    public TimeSpan? OnFailure(long bytesDone)
    {
        if (bytesDone > _furthest)
        {
            _furthest = bytesDone;
            _inOutage = false; // got further than ever: whatever failed before is over
        }

        if (!_inOutage)
        {
            _inOutage = true;
            _startedAt = time.GetTimestamp();
            _nextDelay = FirstDelay;
        }

        var left = budget - time.GetElapsedTime(_startedAt);
        if (left <= TimeSpan.Zero)
        {
            return null;
        }

        var delay = _nextDelay < left ? _nextDelay : left;
        _nextDelay = _nextDelay * 2 < LongestDelay ? _nextDelay * 2 : LongestDelay;
        return delay;
    }
}
