using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.Testing.ObjectStores;

/// <summary>
/// Fault injection: a store whose listings leave out the <c>locks/</c> objects written through any store sharing
/// <see cref="Written"/> within the last <paramref name="lag"/>, as Swift does when a busy container server has its
/// listing update queued (the PUT succeeded, the object is readable, the listing does not show it yet). Everything
/// else passes straight through.
/// </summary>
public sealed class LaggingLockListingStore(IObjectStore inner, TimeSpan lag, ConcurrentDictionary<string, DateTimeOffset>? written = null)
    : IObjectStore
{
    private const string LockPrefix = "locks/";

    private int _omitted;

    /// <summary>When each lock object was last written, shared between the stores of the nodes that see one cluster.</summary>
    public ConcurrentDictionary<string, DateTimeOffset> Written { get; } = written ?? new(StringComparer.Ordinal);

    /// <summary>How many lock objects listings have left out so far.</summary>
    public int Omitted => _omitted;

    public string Container => inner.Container;

    public Task EnsureContainerAsync(CancellationToken ct) => inner.EnsureContainerAsync(ct);

    public async Task PutAsync(string key, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string>? metadata, CancellationToken ct)
    {
        await inner.PutAsync(key, data, metadata, ct);
        if (key.StartsWith(LockPrefix, StringComparison.Ordinal))
        {
            Written[key] = DateTimeOffset.UtcNow;
        }
    }

    public Task GetAsync(string key, IBufferWriter<byte> destination, CancellationToken ct) => inner.GetAsync(key, destination, ct);

    public Task GetRangeAsync(string key, long offset, int length, IBufferWriter<byte> destination, CancellationToken ct) =>
        inner.GetRangeAsync(key, offset, length, destination, ct);

    public Task<ObjectInfo?> TryGetInfoAsync(string key, CancellationToken ct) => inner.TryGetInfoAsync(key, ct);

    public Task DeleteAsync(string key, CancellationToken ct) => inner.DeleteAsync(key, ct);

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var item in inner.ListAsync(prefix, ct))
        {
            if (Written.TryGetValue(item.Key, out var at) && DateTimeOffset.UtcNow - at < lag)
            {
                Interlocked.Increment(ref _omitted);
                continue;
            }

            yield return item;
        }
    }
}
