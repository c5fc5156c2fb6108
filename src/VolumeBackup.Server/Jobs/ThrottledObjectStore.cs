using System.Buffers;
using System.Runtime.CompilerServices;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.Server.Jobs;

/// <summary>
/// Paces object bytes (written and read) to at most <c>bytesPerSecond</c> on average, so backups do not saturate the
/// links production traffic needs. Calls may run in parallel; they share one budget.
/// </summary>
internal sealed class ThrottledObjectStore(IObjectStore inner, long bytesPerSecond, TimeProvider time) : IObjectStore
{
    private readonly long _start = time.GetTimestamp();
    private long _bytes;

    public string Container => inner.Container;

    public Task EnsureContainerAsync(CancellationToken ct) => inner.EnsureContainerAsync(ct);

    public async Task PutAsync(string key, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string>? metadata, CancellationToken ct)
    {
        await PaceAsync(data.Length, ct);
        await inner.PutAsync(key, data, metadata, ct);
    }

    public async Task GetAsync(string key, IBufferWriter<byte> destination, CancellationToken ct)
    {
        var counting = new CountingWriter(destination);
        await inner.GetAsync(key, counting, ct);
        await PaceAsync(counting.Written, ct);
    }

    public async Task GetRangeAsync(string key, long offset, int length, IBufferWriter<byte> destination, CancellationToken ct)
    {
        await PaceAsync(length, ct);
        await inner.GetRangeAsync(key, offset, length, destination, ct);
    }

    public Task<ObjectInfo?> TryGetInfoAsync(string key, CancellationToken ct) => inner.TryGetInfoAsync(key, ct);

    public Task DeleteAsync(string key, CancellationToken ct) => inner.DeleteAsync(key, ct);

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var info in inner.ListAsync(prefix, ct))
        {
            yield return info;
        }
    }

    // Each call books its bytes, then waits until the budget since the start covers everything booked so far.
    private Task PaceAsync(long bytes, CancellationToken ct)
    {
        var booked = Interlocked.Add(ref _bytes, bytes);
        var due = TimeSpan.FromSeconds((double)booked / bytesPerSecond);
        var wait = due - time.GetElapsedTime(_start);
        return wait > TimeSpan.Zero ? Task.Delay(wait, time, ct) : Task.CompletedTask;
    }

    private sealed class CountingWriter(IBufferWriter<byte> inner) : IBufferWriter<byte>
    {
        public long Written { get; private set; }

        public void Advance(int count)
        {
            Written += count;
            inner.Advance(count);
        }

        public Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);
    }
}
