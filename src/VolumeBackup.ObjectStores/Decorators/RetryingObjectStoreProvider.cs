namespace VolumeBackup.ObjectStores.Decorators;

/// <summary>Wraps every store an inner provider opens in a <see cref="RetryingObjectStore"/> sharing one set of pipelines.</summary>
public sealed class RetryingObjectStoreProvider : IObjectStoreProvider, IDisposable
{
    private readonly IObjectStoreProvider _inner;
    private readonly RetryPipelines _pipelines;

    public RetryingObjectStoreProvider(IObjectStoreProvider inner, RetryOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _pipelines = RetryPipelines.Create(options, timeProvider);
    }

    /// <summary>The decorated provider.</summary>
    public IObjectStoreProvider Inner => _inner;

    public IObjectStore Open(string tenantId, string container) => new RetryingObjectStore(_inner.Open(tenantId, container), _pipelines);

    public void Dispose() => (_inner as IDisposable)?.Dispose();
}
