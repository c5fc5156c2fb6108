using System.Diagnostics.Metrics;

namespace VolumeBackup.ObjectStores.Decorators;

/// <summary>
/// Object-store requests, retries and errors by operation, counted by <see cref="RetryingObjectStore"/> (every store the
/// service opens goes through it). On the service's meter name, <see cref="MeterName"/>, through the BCL's
/// System.Diagnostics.Metrics alone: this project stays free of any telemetry SDK; the server exports what it listens to.
/// </summary>
public static class ObjectStoreMetrics
{
    /// <summary>The meter every metric of the service is published on.</summary>
    public const string MeterName = "VolumeBackup";

    /// <summary>The label naming the store operation (put, get, get_range, head, delete, delete_many, ensure_container, list).</summary>
    public const string OperationTag = "operation";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        "volumebackup.objectstore.requests", "{request}", "Object-store operations called (each counted once, however many attempts it took).");

    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "volumebackup.objectstore.retries", "{retry}", "Attempts of object-store operations beyond the first (after a transient failure or a timeout).");

    private static readonly Counter<long> Errors = Meter.CreateCounter<long>(
        "volumebackup.objectstore.errors", "{error}", "Object-store operations that failed for their caller (retries exhausted or a permanent failure; not found excluded).");

    internal static void Request(string operation) => Requests.Add(1, new KeyValuePair<string, object?>(OperationTag, operation));

    internal static void Retry(string operation) => Retries.Add(1, new KeyValuePair<string, object?>(OperationTag, operation));

    internal static void Error(string operation) => Errors.Add(1, new KeyValuePair<string, object?>(OperationTag, operation));

    /// <summary>Whether <paramref name="e"/> counts as an error: a missing object is an answer, and a caller's cancellation is not the store's failure.</summary>
    internal static bool IsError(Exception e, CancellationToken callerToken) =>
        e is not ObjectNotFoundException && !(e is OperationCanceledException && callerToken.IsCancellationRequested);
}
