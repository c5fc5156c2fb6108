using System.Buffers;
using System.Collections.Concurrent;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.Testing.DataPath;

/// <summary>Wraps a real store and counts the calls it passes on, by operation ("delete", "deleteMany", "put"...).</summary>
public sealed class CallCountingObjectStore(IObjectStore inner) : IObjectStore
{
    private readonly ConcurrentDictionary<string, int> _calls = new();

    /// <summary>Keys of single deletes, in order.</summary>
    public ConcurrentQueue<string> SingleDeletes { get; } = new();

    public int Calls(string operation) => _calls.GetValueOrDefault(operation);

    public string Container => inner.Container;

    public Task EnsureContainerAsync(CancellationToken ct) => inner.EnsureContainerAsync(ct);

    public Task PutAsync(string key, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string>? metadata, CancellationToken ct)
    {
        Count("put");
        return inner.PutAsync(key, data, metadata, ct);
    }

    public Task GetAsync(string key, IBufferWriter<byte> destination, CancellationToken ct)
    {
        Count("get");
        return inner.GetAsync(key, destination, ct);
    }

    public Task GetRangeAsync(string key, long offset, int length, IBufferWriter<byte> destination, CancellationToken ct)
    {
        Count("range");
        return inner.GetRangeAsync(key, offset, length, destination, ct);
    }

    public Task<ObjectInfo?> TryGetInfoAsync(string key, CancellationToken ct)
    {
        Count("info");
        return inner.TryGetInfoAsync(key, ct);
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        Count("delete");
        SingleDeletes.Enqueue(key);
        return inner.DeleteAsync(key, ct);
    }

    public Task DeleteManyAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        Count("deleteMany");
        return inner.DeleteManyAsync(keys, ct);
    }

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken ct)
    {
        Count("list");
        return inner.ListAsync(prefix, ct);
    }

    private void Count(string operation) => _calls.AddOrUpdate(operation, 1, (_, n) => n + 1);
}
