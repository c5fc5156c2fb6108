namespace VolumeBackup.ObjectStores;

/// <summary>The object (or its container) does not exist. Never transient: retrying cannot make it appear.</summary>
public sealed class ObjectNotFoundException : ObjectStoreException
{
    public ObjectNotFoundException(string key) : base($"Object '{key}' was not found.", ObjectStoreErrorKind.NotFound) => Key = key;

    public ObjectNotFoundException() : this(string.Empty) { }

    public ObjectNotFoundException(string message, Exception inner) : base(message, ObjectStoreErrorKind.NotFound, inner) => Key = string.Empty;

    public string Key { get; }
}
