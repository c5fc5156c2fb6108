using System.Buffers;
using VolumeBackup.ObjectStores;

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

    public IObjectStore Open(string tenantId, string container) => new FlakyStore(inner.Open(tenantId, container), this);

    private bool TakeFailure() => Interlocked.Decrement(ref _failingPuts) >= 0;

    private sealed class FlakyStore(IObjectStore inner, FlakyObjectStoreProvider faults) : IObjectStore
    {
        public string Container => inner.Container;

        public Task EnsureContainerAsync(CancellationToken ct) => inner.EnsureContainerAsync(ct);

        public Task PutAsync(string key, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string>? metadata, CancellationToken ct) =>
            faults.TakeFailure()
                ? throw new ObjectStoreException($"Injected failure of PUT {key}.", faults.Transient)
                : inner.PutAsync(key, data, metadata, ct);

        public Task GetAsync(string key, IBufferWriter<byte> destination, CancellationToken ct) => inner.GetAsync(key, destination, ct);

        public Task GetRangeAsync(string key, long offset, int length, IBufferWriter<byte> destination, CancellationToken ct) =>
            inner.GetRangeAsync(key, offset, length, destination, ct);

        public Task<ObjectInfo?> TryGetInfoAsync(string key, CancellationToken ct) => inner.TryGetInfoAsync(key, ct);

        public Task DeleteAsync(string key, CancellationToken ct) => inner.DeleteAsync(key, ct);

        public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken ct) => inner.ListAsync(prefix, ct);
    }
}
