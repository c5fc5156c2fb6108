namespace VolumeBackup.ObjectStores;

/// <summary>
/// A failure of the object store. <see cref="Kind"/> says what went wrong; <see cref="IsTransient"/> whether the same
/// call may succeed when retried now; <see cref="RetriesExhausted"/> that the retrying decorator already tried and gave up
/// (the store is <see cref="ObjectStoreErrorKind.Unavailable"/>, but retrying it again at once is pointless).
/// </summary>
public class ObjectStoreException : Exception
{
    public ObjectStoreException(string message, ObjectStoreErrorKind kind, Exception? inner = null, bool retriesExhausted = false)
        : base(message, inner)
    {
        Kind = kind;
        RetriesExhausted = retriesExhausted;
        IsTransient = kind == ObjectStoreErrorKind.Unavailable && !retriesExhausted;
    }

    /// <summary>A transient failure is <see cref="ObjectStoreErrorKind.Unavailable"/>, a permanent one <see cref="ObjectStoreErrorKind.Failed"/>.</summary>
    public ObjectStoreException(string message, bool isTransient, Exception? inner = null)
        : this(message, isTransient ? ObjectStoreErrorKind.Unavailable : ObjectStoreErrorKind.Failed, inner)
    {
    }

    public ObjectStoreException() : this("Object store failure.", isTransient: false) { }

    public ObjectStoreException(string message) : this(message, isTransient: false) { }

    public ObjectStoreException(string message, Exception inner) : this(message, isTransient: false, inner) { }

    public ObjectStoreErrorKind Kind { get; }

    public bool IsTransient { get; }

    /// <summary>The store stayed unavailable through every retry of the retrying decorator.</summary>
    public bool RetriesExhausted { get; }

    /// <summary>The store is unreachable or overloaded, retried or not: an outage, which may end by itself.</summary>
    public bool IsOutage => Kind == ObjectStoreErrorKind.Unavailable;
}
