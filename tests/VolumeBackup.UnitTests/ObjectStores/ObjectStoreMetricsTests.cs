using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Decorators;
using VolumeBackup.ObjectStores.Filesystem;
using VolumeBackup.Testing.ObjectStores;

namespace VolumeBackup.UnitTests.ObjectStores;

/// <summary>The meter is process-wide: these tests run alone, so no other test's store adds to what they count.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ObjectStoreMeterGroup
{
    public const string Name = "object-store-meter";
}

/// <summary>Requests, retries and errors by operation, as <see cref="RetryingObjectStore"/> counts them.</summary>
[Collection(ObjectStoreMeterGroup.Name)]
public sealed class ObjectStoreMetricsTests : IDisposable
{
    private static readonly RetryOptions NoDelays = new() { MaxRetryAttempts = 3, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero };
    private readonly string _root = Directory.CreateTempSubdirectory("vb-store-metrics-").FullName;
    private readonly FaultyObjectStore _faulty;
    private readonly RetryingObjectStore _store;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public ObjectStoreMetricsTests()
    {
        _faulty = new FaultyObjectStore(new FilesystemObjectStore(Path.Combine(_root, "c"), "c"));
        _store = new RetryingObjectStore(_faulty, NoDelays);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ObjectStoreMetrics.MeterName && instrument.Name.StartsWith("volumebackup.objectstore.", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var operation = tags.ToArray().Single(t => t.Key == ObjectStoreMetrics.OperationTag).Value;
            _counts.AddOrUpdate($"{instrument.Name[25..]} {operation}", value, (_, sum) => sum + value);
        });
        _listener.Start();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _listener.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task A_put_that_succeeds_on_its_third_attempt_is_one_request_and_two_retries_and_no_error()
    {
        await _store.EnsureContainerAsync(Ct);
        _faulty.Fault = (op, n) => op == "put" && n <= 2 ? new ObjectStoreException("Injected: 503.", isTransient: true) : null;

        await _store.PutAsync("k", new byte[] { 1 }, null, Ct);

        Assert.Equal(1, Count("requests put"));
        Assert.Equal(2, Count("retries put"));
        Assert.Equal(0, Count("errors put"));
        Assert.Equal(1, Count("requests ensure_container"));
    }

    [Fact]
    public async Task Exhausted_retries_and_permanent_failures_are_errors_and_a_missing_object_is_not()
    {
        await _store.EnsureContainerAsync(Ct);
        _faulty.Fault = (op, _) => op switch
        {
            "delete" => new ObjectStoreException("Injected: 503.", isTransient: true),
            "put" => new ObjectStoreException("403 Forbidden.", isTransient: false),
            _ => null,
        };

        await Assert.ThrowsAsync<ObjectStoreException>(() => _store.DeleteAsync("k", Ct));
        await Assert.ThrowsAsync<ObjectStoreException>(() => _store.PutAsync("k", new byte[] { 1 }, null, Ct));
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => _store.GetAsync("missing", new ArrayBufferWriter<byte>(), Ct));

        Assert.Equal((1, 3, 1), (Count("requests delete"), Count("retries delete"), Count("errors delete")));
        Assert.Equal((1, 0, 1), (Count("requests put"), Count("retries put"), Count("errors put")));
        Assert.Equal((1, 0, 0), (Count("requests get"), Count("retries get"), Count("errors get")));
    }

    private long Count(string key) => _counts.GetValueOrDefault(key);
}
