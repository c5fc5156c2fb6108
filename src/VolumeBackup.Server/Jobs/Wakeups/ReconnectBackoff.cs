namespace VolumeBackup.Server.Jobs.Wakeups;

/// <summary>Delays between reconnection attempts: <c>first</c>, doubling up to <c>max</c>; back to <c>first</c> after <see cref="Reset"/>.</summary>
internal sealed class ReconnectBackoff
{
    private readonly TimeSpan _first;
    private readonly TimeSpan _max;
    private TimeSpan _next;

    public ReconnectBackoff(TimeSpan first, TimeSpan max)
    {
        _first = first;
        _max = max;
        _next = first;
    }

    public TimeSpan Next()
    {
        var delay = _next;
        _next = _next * 2 < _max ? _next * 2 : _max;
        return delay;
    }

    public void Reset() => _next = _first;
}
