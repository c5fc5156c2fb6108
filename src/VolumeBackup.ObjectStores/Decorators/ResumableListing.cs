namespace VolumeBackup.ObjectStores.Decorators;

/// <summary>
/// A listing that survives transient failures: after one, it lists again from the start and skips every key up to
/// the last one it handed out (listings are in key order), so the caller sees each key once.
/// </summary>
internal sealed class ResumableListing(IObjectStore inner, string prefix, RetryPipelines pipelines, CancellationToken ct) : IAsyncDisposable
{
    private IAsyncEnumerator<ObjectInfo>? _enumerator;
    private string? _lastKey;

    public async Task<ObjectInfo?> NextAsync()
    {
        try
        {
            var next = await pipelines.Listing.ExecuteAsync(async _ => await MoveNextAsync(), ct);
            _lastKey = next?.Key ?? _lastKey;
            return next;
        }
        catch (Exception e) when (RetryPipelines.IsRetryable(e))
        {
            ObjectStoreMetrics.Error("list");
            throw RetryingObjectStore.Exhausted($"listing of '{prefix}'", e, pipelines);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_enumerator is not null)
        {
            await _enumerator.DisposeAsync();
            _enumerator = null;
        }
    }

    private async Task<ObjectInfo?> MoveNextAsync()
    {
        try
        {
            _enumerator ??= inner.ListAsync(prefix, ct).GetAsyncEnumerator(ct);
            while (await _enumerator.MoveNextAsync())
            {
                if (_lastKey is null || string.CompareOrdinal(_enumerator.Current.Key, _lastKey) > 0)
                {
                    return _enumerator.Current;
                }
            }

            return null;
        }
        catch (ObjectStoreException e) when (e.IsTransient)
        {
            await DisposeAsync();
            throw;
        }
    }
}
