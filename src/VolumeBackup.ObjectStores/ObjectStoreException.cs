namespace VolumeBackup.ObjectStores;

/// <summary>A failure of the object store. <see cref="IsTransient"/> says whether the same call may succeed later.</summary>
public class ObjectStoreException : Exception
{
    public ObjectStoreException(string message, bool isTransient, Exception? inner = null)
        : base(message, inner) => IsTransient = isTransient;

    public ObjectStoreException() : this("Object store failure.", isTransient: false) { }

    public ObjectStoreException(string message) : this(message, isTransient: false) { }

    public ObjectStoreException(string message, Exception inner) : this(message, isTransient: false, inner) { }

    public bool IsTransient { get; }
}
