using System.Buffers;
using System.Runtime.CompilerServices;

namespace VolumeBackup.ObjectStores.Decorators;

/// <summary>
/// Paces object bytes (written and read) to at most <c>bytesPerSecond</c> on average, so backups do not saturate the
/// links production traffic needs. Calls may run in parallel; they share one budget. Requests that move no object bytes
/// (lookups, deletes, listings) pass straight through, and a bulk delete stays one request.
/// </summary>
public sealed class ThrottledObjectStore : IObjectStore
{
    private readonly IObjectStore _inner;
    private readonly long _bytesPerSecond;
    private readonly TimeProvider _time;
    private readonly long _start;
    private long _bytes;

    public ThrottledObjectStore(IObjectStore inner, long bytesPerSecond, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytesPerSecond);
        _inner = inner;
        _bytesPerSecond = bytesPerSecond;
        _time = time;
        _start = time.GetTimestamp();
    }

    public string Container => _inner.Container;

    public Task EnsureContainerAsync(CancellationToken ct) => _inner.EnsureContainerAsync(ct);

    public async Task PutAsync(string key, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string>? metadata, CancellationToken ct)
    {
        await PaceAsync(data.Length, ct);
        await _inner.PutAsync(key, data, metadata, ct);
    }

    public async Task GetAsync(string key, IBufferWriter<byte> destination, CancellationToken ct)
    {
        var counting = new CountingBufferWriter(destination);
        await _inner.GetAsync(key, counting, ct);
        await PaceAsync(counting.Written, ct);
    }

    public async Task GetRangeAsync(string key, long offset, int length, IBufferWriter<byte> destination, CancellationToken ct)
    {
        await PaceAsync(length, ct);
        await _inner.GetRangeAsync(key, offset, length, destination, ct);
    }

    public Task<ObjectInfo?> TryGetInfoAsync(string key, CancellationToken ct) => _inner.TryGetInfoAsync(key, ct);

    public Task DeleteAsync(string key, CancellationToken ct) => _inner.DeleteAsync(key, ct);

    // Forwarded, not left to the interface's default (one DELETE per key): the inner store may have a bulk operation.
    public Task DeleteManyAsync(IReadOnlyCollection<string> keys, CancellationToken ct) => _inner.DeleteManyAsync(keys, ct);

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var info in _inner.ListAsync(prefix, ct))
        {
            yield return info;
        }
    }

    // Each call books its bytes, then waits until the budget since the start covers everything booked so far.
    private Task PaceAsync(long bytes, CancellationToken ct)
    {
        var booked = Interlocked.Add(ref _bytes, bytes);
        var due = TimeSpan.FromSeconds((double)booked / _bytesPerSecond);
        var wait = due - _time.GetElapsedTime(_start);
        return wait > TimeSpan.Zero ? Task.Delay(wait, _time, ct) : Task.CompletedTask;
    }
}
