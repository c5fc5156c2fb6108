using VolumeBackup.ObjectStores;
using VolumeBackup.Testing.ObjectStores;

namespace VolumeBackup.IntegrationTests.Backups;

/// <summary>
/// Fault injection: the real filesystem stores, except that PUTs fail while <see cref="FailingPuts"/> is above zero
/// (each failure uses one), as a store answering 503 (<see cref="Transient"/>) or refusing for good would.
/// </summary>
internal sealed class FlakyObjectStoreProvider(IObjectStoreProvider inner) : IObjectStoreProvider
{
    private int _failingPuts;

    public int FailingPuts { get => Volatile.Read(ref _failingPuts); set => Volatile.Write(ref _failingPuts, value); }

    public bool Transient { get; set; } = true;

    public IObjectStore Open(string tenantId, string container) =>
        new FaultyObjectStore(inner.Open(tenantId, container)) { Fault = (operation, _) => operation == "put" ? TakeFailure() : null };

    public IObjectStore Open(string tenantId, string container, IStoreCredentials credentials) =>
        new FaultyObjectStore(inner.Open(tenantId, container, credentials)) { Fault = (operation, _) => operation == "put" ? TakeFailure() : null };

    private ObjectStoreException? TakeFailure() =>
        Interlocked.Decrement(ref _failingPuts) >= 0 ? new ObjectStoreException("Injected failure of PUT.", Transient) : null;
}
