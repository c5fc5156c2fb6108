using System.Buffers;
using System.Text.Json;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.DataPath.Pipelines;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.DataPath.Locks;

/// <summary>
/// Locks as objects <c>locks/&lt;key&gt;</c> in the container they lock, their body a <see cref="ContainerLock"/>: the
/// engine's default, for use without a database (the command line, benchmarks). Correct only while the store's listing
/// shows every object whose PUT completed; Swift may list late on a busy cluster (docs/backup-format.md).
/// </summary>
public sealed class ObjectStoreLockStore(IObjectStore store) : IContainerLockStore
{
    public const string Prefix = "locks/";

    public string Container => store.Container;

    public static string ObjectKeyOf(string key) => Prefix + key;

    public async Task WriteAsync(StoredLock entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new ContainerLock(entry.Kind, entry.Owner, entry.RefreshedAt, entry.Holder), ManifestJsonContext.Default.ContainerLock);
        await store.PutAsync(ObjectKeyOf(entry.Key), body, null, ct);
    }

    public Task DeleteAsync(string key, CancellationToken ct) => store.DeleteAsync(ObjectKeyOf(key), ct);

    public async Task<IReadOnlyList<StoredLock>> ListAsync(CancellationToken ct)
    {
        var locks = new List<StoredLock>();
        await foreach (var info in store.ListAsync(Prefix, ct))
        {
            var key = info.Key[Prefix.Length..];
            var body = await TryReadAsync(info.Key, ct);
            if (body is not null)
            {
                locks.Add(new StoredLock(key, body.Kind, body.Owner, body.RefreshedAt, body.Holder));
            }
            else if (info.LastModified != default)
            {
                locks.Add(new StoredLock(key, "unknown", key, info.LastModified, null)); // unreadable: judged by its own age
            }
        }

        return locks;
    }

    public async Task RemoveStaleAsync(IReadOnlyList<StoredLock> stale, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stale);
        if (stale.Count > 0)
        {
            await store.DeleteManyAsync([.. stale.Select(l => ObjectKeyOf(l.Key)).Distinct(StringComparer.Ordinal)], ct);
        }
    }

    private async Task<ContainerLock?> TryReadAsync(string key, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        try
        {
            await store.GetAsync(key, buffer, ct);
            return JsonSerializer.Deserialize(buffer.WrittenSpan, ManifestJsonContext.Default.ContainerLock);
        }
        catch (ObjectNotFoundException)
        {
            return null; // released between list and read
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
