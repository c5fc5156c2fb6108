using System.Buffers;

namespace VolumeBackup.ObjectStores;

/// <summary>
/// A flat key -> bytes store bound to one container of one account (a Swift container, a directory).
/// Drivers classify their failures once: a missing object is <see cref="ObjectNotFoundException"/>, anything else
/// is <see cref="ObjectStoreException"/> with <see cref="ObjectStoreException.IsTransient"/> set when a retry may succeed.
/// Drivers do not retry; <c>RetryingObjectStore</c> does.
/// </summary>
public interface IObjectStore
{
    /// <summary>The container name, as the user sees it.</summary>
    string Container { get; }

    /// <summary>Creates the container when it is missing. Idempotent.</summary>
    Task EnsureContainerAsync(CancellationToken ct);

    /// <summary>
    /// Writes the whole object atomically: a reader sees either the old object or all of the new one, never a part.
    /// Safe to retry with the same bytes. The driver verifies the store received the bytes intact (e.g. Swift's ETag).
    /// </summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string>? metadata, CancellationToken ct);

    /// <summary>
    /// Appends the whole object to <paramref name="destination"/>. Missing -> <see cref="ObjectNotFoundException"/>.
    /// A driver that can fail halfway should append nothing on failure (the Swift driver advances the writer once, at the
    /// end): <c>RetryingObjectStore</c> retries a read only when the failed attempt appended nothing.
    /// </summary>
    Task GetAsync(string key, IBufferWriter<byte> destination, CancellationToken ct);

    /// <summary>
    /// Appends exactly <paramref name="length"/> bytes starting at <paramref name="offset"/>.
    /// Missing -> <see cref="ObjectNotFoundException"/>; a range past the end -> <see cref="ObjectStoreException"/> (not transient).
    /// </summary>
    Task GetRangeAsync(string key, long offset, int length, IBufferWriter<byte> destination, CancellationToken ct);

    /// <summary>Size and metadata of an object, or null when it does not exist.</summary>
    Task<ObjectInfo?> TryGetInfoAsync(string key, CancellationToken ct);

    /// <summary>Deletes an object. Idempotent: deleting a missing object succeeds.</summary>
    Task DeleteAsync(string key, CancellationToken ct);

    /// <summary>
    /// Deletes many objects of this container. Idempotent like <see cref="DeleteAsync"/>. Drivers with a bulk operation
    /// (Swift's bulk delete) override it; the default deletes one by one.
    /// </summary>
    async Task DeleteManyAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            await DeleteAsync(key, ct);
        }
    }

    /// <summary>Every object whose key starts with <paramref name="prefix"/>, in key order (ordinal). Metadata is not filled in.</summary>
    IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken ct);
}
