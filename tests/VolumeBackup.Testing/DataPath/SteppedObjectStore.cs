using System.Buffers;
using System.Runtime.CompilerServices;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.Testing.DataPath;

/// <summary>
/// Interleaving control for concurrency tests: wraps a real store and awaits <see cref="Before"/> before each call, so a
/// test can hold one operation (a restore's first ranged GET, a sweep's first root PUT) while it runs another.
/// </summary>
public sealed class SteppedObjectStore(IObjectStore inner) : IObjectStore
{
    /// <summary>Operation ("put", "get", "range", "info", "delete", "list") and key or prefix -> a task the call waits for.</summary>
    public Func<string, string, Task> Before { get; set; } = (_, _) => Task.CompletedTask;

    public string Container => inner.Container;

    public Task EnsureContainerAsync(CancellationToken ct) => inner.EnsureContainerAsync(ct);

    public async Task PutAsync(string key, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string>? metadata, CancellationToken ct)
    {
        await Before("put", key);
        await inner.PutAsync(key, data, metadata, ct);
    }

    public async Task GetAsync(string key, IBufferWriter<byte> destination, CancellationToken ct)
    {
        await Before("get", key);
        await inner.GetAsync(key, destination, ct);
    }

    public async Task GetRangeAsync(string key, long offset, int length, IBufferWriter<byte> destination, CancellationToken ct)
    {
        await Before("range", key);
        await inner.GetRangeAsync(key, offset, length, destination, ct);
    }

    public async Task<ObjectInfo?> TryGetInfoAsync(string key, CancellationToken ct)
    {
        await Before("info", key);
        return await inner.TryGetInfoAsync(key, ct);
    }

    public async Task DeleteAsync(string key, CancellationToken ct)
    {
        await Before("delete", key);
        await inner.DeleteAsync(key, ct);
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        await Before("list", prefix);
        await foreach (var item in inner.ListAsync(prefix, ct))
        {
            yield return item;
        }
    }
}
