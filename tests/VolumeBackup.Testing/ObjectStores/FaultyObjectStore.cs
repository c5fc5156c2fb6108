using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.Testing.ObjectStores;

/// <summary>
/// A store that fails on purpose: wraps a real store and, before each call, asks <see cref="Fault"/> whether to throw
/// instead. Reads can append part of the data before failing, listings can fail after some items.
/// </summary>
public sealed class FaultyObjectStore(IObjectStore inner) : IObjectStore
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    /// <summary>Operation name ("put", "get", "range", "info", "delete", "deleteMany", "list", "ensure") and its 1-based call number -> exception or null.</summary>
    public Func<string, int, Exception?> Fault { get; set; } = (_, _) => null;

    /// <summary>Bytes a failing read appends before it throws.</summary>
    public int PartialReadBytes { get; set; }

    /// <summary>Items a failing listing yields before it throws.</summary>
    public int ListItemsBeforeFault { get; set; }

    public string Container => inner.Container;

    public int Calls(string operation) => _calls.GetValueOrDefault(operation);

    public Task EnsureContainerAsync(CancellationToken ct)
    {
        Check("ensure");
        return inner.EnsureContainerAsync(ct);
    }

    /// <summary>
    /// Runs before each PUT with its key and token, and returns the token the PUT then runs with: a test can hold a PUT
    /// back until something happens, and let it land even though its caller's token was cancelled meanwhile.
    /// </summary>
    public Func<string, CancellationToken, Task<CancellationToken>>? BeforePut { get; set; }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string>? metadata, CancellationToken ct)
    {
        Check("put");
        if (BeforePut is { } hook)
        {
            ct = await hook(key, ct);
        }

        await inner.PutAsync(key, data, metadata, ct);
    }

    public Task GetAsync(string key, IBufferWriter<byte> destination, CancellationToken ct)
    {
        CheckRead("get", destination);
        return inner.GetAsync(key, destination, ct);
    }

    public Task GetRangeAsync(string key, long offset, int length, IBufferWriter<byte> destination, CancellationToken ct)
    {
        CheckRead("range", destination);
        return inner.GetRangeAsync(key, offset, length, destination, ct);
    }

    public Task<ObjectInfo?> TryGetInfoAsync(string key, CancellationToken ct)
    {
        Check("info");
        return inner.TryGetInfoAsync(key, ct);
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        Check("delete");
        return inner.DeleteAsync(key, ct);
    }

    /// <summary>
    /// When set, a bulk delete goes key by key through <see cref="DeleteAsync"/>, so a fault can cut it off after any
    /// number of its objects (as a bulk delete that fails halfway leaves some deleted).
    /// </summary>
    public bool SplitBulkDeletes { get; set; }

    public async Task DeleteManyAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        Check("deleteMany");
        if (!SplitBulkDeletes)
        {
            await inner.DeleteManyAsync(keys, ct);
            return;
        }

        foreach (var key in keys)
        {
            await DeleteAsync(key, ct);
        }
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        var number = _calls.AddOrUpdate("list", 1, (_, n) => n + 1);
        var fault = Fault("list", number);
        var yielded = 0;
        await foreach (var item in inner.ListAsync(prefix, ct))
        {
            if (fault is not null && yielded == ListItemsBeforeFault)
            {
                throw fault;
            }

            yielded++;
            yield return item;
        }

        if (fault is not null)
        {
            throw fault;
        }
    }

    private void Check(string operation)
    {
        var number = _calls.AddOrUpdate(operation, 1, (_, n) => n + 1);
        if (Fault(operation, number) is { } fault)
        {
            throw fault;
        }
    }

    private void CheckRead(string operation, IBufferWriter<byte> destination)
    {
        var number = _calls.AddOrUpdate(operation, 1, (_, n) => n + 1);
        if (Fault(operation, number) is { } fault)
        {
            if (PartialReadBytes > 0)
            {
                destination.GetSpan(PartialReadBytes)[..PartialReadBytes].Fill(0xAB);
                destination.Advance(PartialReadBytes);
            }

            throw fault;
        }
    }
}
