using VolumeBackup.ObjectStores;
using VolumeBackup.Testing.ObjectStores;

namespace VolumeBackup.IntegrationTests.Backups;

/// <summary>
/// Fault injection: the real filesystem stores, until an armed outage begins (at the n-th call of one operation); from
/// then on every call fails as a store answering 503 would, until the outage's length has passed.
/// </summary>
internal sealed class OutageObjectStoreProvider(IObjectStoreProvider inner) : IObjectStoreProvider
{
    private readonly Lock _gate = new();
    private string? _trigger;
    private int _callsBeforeOutage;
    private TimeSpan _length;
    private DateTime? _startedAt;
    private int _failures;

    /// <summary>Calls that failed because of the outage.</summary>
    public int Failures => Volatile.Read(ref _failures);

    /// <summary>When the outage began (null: not yet).</summary>
    public DateTime? StartedAt
    {
        get
        {
            lock (_gate)
            {
                return _startedAt;
            }
        }
    }

    /// <summary>The outage begins at call <paramref name="atCall"/> of <paramref name="operation"/> (FaultyObjectStore's names) and lasts <paramref name="length"/>.</summary>
    public void Arm(string operation, int atCall, TimeSpan length)
    {
        lock (_gate)
        {
            (_trigger, _callsBeforeOutage, _length, _startedAt) = (operation, atCall - 1, length, null);
        }
    }

    /// <summary>Ends any outage now and disarms.</summary>
    public void EndOutage()
    {
        lock (_gate)
        {
            (_trigger, _startedAt) = (null, null);
        }
    }

    public IObjectStore Open(string tenantId, string container) =>
        new FaultyObjectStore(inner.Open(tenantId, container)) { Fault = (operation, _) => Check(operation) };

    public IObjectStore Open(string tenantId, string container, IStoreCredentials credentials) =>
        new FaultyObjectStore(inner.Open(tenantId, container, credentials)) { Fault = (operation, _) => Check(operation) };

    private ObjectStoreException? Check(string operation)
    {
        lock (_gate)
        {
            if (_startedAt is null && operation == _trigger && _callsBeforeOutage-- == 0)
            {
                _startedAt = DateTime.UtcNow;
            }

            if (_startedAt is not { } start || DateTime.UtcNow - start >= _length)
            {
                return null;
            }
        }

        Interlocked.Increment(ref _failures);
        return new ObjectStoreException("Injected outage: 503 Service Unavailable from http://10.0.0.9:8080.", isTransient: true);
    }
}
