using System.Buffers;
using System.Runtime.CompilerServices;
using Polly.Timeout;

namespace VolumeBackup.ObjectStores.Decorators;

/// <summary>
/// Retries an inner store's transient failures with capped exponential backoff and jitter, under a per-attempt timeout.
/// Permanent failures (not found, refused, a bad range) pass through at once. When the attempts run out the caller gets
/// an <see cref="ObjectStoreException"/> of kind <see cref="ObjectStoreErrorKind.Unavailable"/> with
/// <see cref="ObjectStoreException.RetriesExhausted"/> set, the last failure inside: nothing above should retry the
/// call again at once (a job may wait and start over).
/// </summary>
public sealed class RetryingObjectStore : IObjectStore
{
    private readonly IObjectStore _inner;
    private readonly RetryPipelines _pipelines;

    public RetryingObjectStore(IObjectStore inner, RetryOptions options, TimeProvider? timeProvider = null)
        : this(inner, RetryPipelines.Create(options, timeProvider))
    {
    }

    internal RetryingObjectStore(IObjectStore inner, RetryPipelines pipelines)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _pipelines = pipelines;
    }

    public string Container => _inner.Container;

    /// <summary>The decorated store.</summary>
    public IObjectStore Inner => _inner;

    public Task EnsureContainerAsync(CancellationToken ct) =>
        RunAsync("ensure_container", $"creation of container '{Container}'", t => _inner.EnsureContainerAsync(t), ct);

    public Task PutAsync(string key, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string>? metadata, CancellationToken ct) =>
        RunAsync("put", $"upload of '{key}'", t => _inner.PutAsync(key, data, metadata, t), ct);

    public Task GetAsync(string key, IBufferWriter<byte> destination, CancellationToken ct)
    {
        var counting = new CountingBufferWriter(destination);
        return RunAsync("get", $"download of '{key}'", t => ReadOnceAsync(counting, () => _inner.GetAsync(key, counting, t), ct), ct);
    }

    public Task GetRangeAsync(string key, long offset, int length, IBufferWriter<byte> destination, CancellationToken ct)
    {
        var counting = new CountingBufferWriter(destination);
        return RunAsync("get_range", $"download of '{key}' bytes {offset}+{length}",
            t => ReadOnceAsync(counting, () => _inner.GetRangeAsync(key, offset, length, counting, t), ct), ct);
    }

    public async Task<ObjectInfo?> TryGetInfoAsync(string key, CancellationToken ct)
    {
        ObjectInfo? info = null;
        await RunAsync("head", $"lookup of '{key}'", async t => info = await _inner.TryGetInfoAsync(key, t), ct);
        return info;
    }

    public Task DeleteAsync(string key, CancellationToken ct) =>
        RunAsync("delete", $"deletion of '{key}'", t => _inner.DeleteAsync(key, t), ct);

    public Task DeleteManyAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return RunAsync("delete_many", $"deletion of {keys.Count} objects", t => _inner.DeleteManyAsync(keys, t), ct);
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        ObjectStoreMetrics.Request("list");
        await using var listing = new ResumableListing(_inner, prefix, _pipelines, ct);
        while (await listing.NextAsync() is { } item)
        {
            yield return item;
        }
    }

    /// <summary>A read that failed after appending bytes cannot be repeated into the same writer: no retry here.</summary>
    private static async Task ReadOnceAsync(CountingBufferWriter destination, Func<Task> read, CancellationToken callerToken)
    {
        try
        {
            await read();
        }
        catch (Exception e) when (destination.Written > 0 && !callerToken.IsCancellationRequested
                                  && e is ObjectStoreException { IsTransient: true } or OperationCanceledException)
        {
            // Not here: the store is still unavailable, so a caller that starts the whole read over may succeed.
            throw new ObjectStoreException(
                $"The read failed after part of the data arrived, so it cannot be retried here: {e.Message}",
                ObjectStoreErrorKind.Unavailable, e, retriesExhausted: true);
        }
    }

    // Counted here, once per call and once per extra attempt, rather than in the drivers: one place sees every store.
    private async Task RunAsync(string operationName, string what, Func<CancellationToken, Task> operation, CancellationToken ct)
    {
        ObjectStoreMetrics.Request(operationName);
        var attempts = 0;
        try
        {
            await _pipelines.Operation.ExecuteAsync(
                async t =>
                {
                    if (++attempts > 1)
                    {
                        ObjectStoreMetrics.Retry(operationName);
                    }

                    await operation(t);
                },
                ct);
        }
        catch (Exception e) when (RetryPipelines.IsRetryable(e))
        {
            ObjectStoreMetrics.Error(operationName);
            throw Exhausted(what, e, _pipelines);
        }
        catch (Exception e) when (ObjectStoreMetrics.IsError(e, ct))
        {
            ObjectStoreMetrics.Error(operationName);
            throw;
        }
    }

    internal static ObjectStoreException Exhausted(string what, Exception last, RetryPipelines pipelines)
    {
        var cause = last is TimeoutRejectedException
            ? $"the last attempt took longer than {pipelines.Options.AttemptTimeout.TotalSeconds:0.#} s"
            : last.Message;
        return new ObjectStoreException(
            $"The {what} failed, retries exhausted after {pipelines.MaxAttempts} attempts: {cause}",
            ObjectStoreErrorKind.Unavailable, last, retriesExhausted: true);
    }
}
