namespace VolumeBackup.ObjectStores.Decorators;

/// <summary>Wraps every store an inner provider opens in a <see cref="RetryingObjectStore"/> sharing one set of pipelines.</summary>
public sealed class RetryingObjectStoreProvider : IObjectStoreProvider, IObjectStoreProbe, IDisposable
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

    public IObjectStore Open(string tenantId, string container, IStoreCredentials credentials) =>
        new RetryingObjectStore(_inner.Open(tenantId, container, credentials), _pipelines);

    /// <summary>The inner provider's probe, without retries: a readiness check reports what it finds now.</summary>
    public Task<ObjectStoreHealth> ProbeAsync(CancellationToken ct) =>
        _inner is IObjectStoreProbe probe ? probe.ProbeAsync(ct) : Task.FromResult(ObjectStoreHealth.Ok);

    public void Dispose() => (_inner as IDisposable)?.Dispose();
}
