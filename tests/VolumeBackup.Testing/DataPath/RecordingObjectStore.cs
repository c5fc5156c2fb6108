using System.Buffers;
using System.Collections.Concurrent;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.Testing.DataPath;

/// <summary>
/// Fault injection for data path tests: wraps a real store, records the key of every PUT that landed, and fails the PUTs that
/// <see cref="FailPut"/> selects (as a crash or an outage would) with a non-transient <see cref="ObjectStoreException"/>.
/// </summary>
public sealed class RecordingObjectStore(IObjectStore inner) : IObjectStore
{
    public ConcurrentQueue<string> Puts { get; } = new();

    /// <summary>Given the key and the number of PUTs so far (1-based), whether this PUT fails.</summary>
    public Func<string, int, bool> FailPut { get; set; } = (_, _) => false;

    public string Container => inner.Container;

    public Task EnsureContainerAsync(CancellationToken ct) => inner.EnsureContainerAsync(ct);

    public async Task PutAsync(string key, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string>? metadata, CancellationToken ct)
    {
        if (FailPut(key, Puts.Count + 1))
        {
            throw new ObjectStoreException($"Injected failure of PUT {key}.", isTransient: false);
        }

        await inner.PutAsync(key, data, metadata, ct);
        Puts.Enqueue(key); // only PUTs that landed
    }

    public Task GetAsync(string key, IBufferWriter<byte> destination, CancellationToken ct) => inner.GetAsync(key, destination, ct);

    public Task GetRangeAsync(string key, long offset, int length, IBufferWriter<byte> destination, CancellationToken ct) =>
        inner.GetRangeAsync(key, offset, length, destination, ct);

    public Task<ObjectInfo?> TryGetInfoAsync(string key, CancellationToken ct) => inner.TryGetInfoAsync(key, ct);

    public Task DeleteAsync(string key, CancellationToken ct) => inner.DeleteAsync(key, ct);

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken ct) => inner.ListAsync(prefix, ct);
}
