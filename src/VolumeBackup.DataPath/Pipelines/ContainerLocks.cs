using System.Buffers;
using System.Text.Json;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// Lock objects that keep sweeps from deleting what a running backup may be about to refer to. Both sides write their own
/// lock first and then read the others', so whichever looks second sees the first: a sweep that sees a live backup lock
/// defers, and a backup that sees a live prune lock waits for it to end (or go stale).
/// </summary>
internal sealed class ContainerLocks(IObjectStore store, TimeProvider time, DataPathOptions options)
{
    public const string Prefix = "locks/";

    public static string KeyOf(string kind, string owner) => $"{Prefix}{kind}-{owner}";

    public async Task<LockLease> WriteAsync(string kind, string owner, CancellationToken ct)
    {
        var lease = new LockLease(this, kind, owner);
        await lease.RefreshAsync(ct);
        return lease;
    }

    internal async Task PutAsync(string kind, string owner, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new ContainerLock(kind, owner, time.GetUtcNow()), ManifestJsonContext.Default.ContainerLock);
        await store.PutAsync(KeyOf(kind, owner), body, null, ct);
    }

    internal Task DeleteAsync(string kind, string owner, CancellationToken ct) => store.DeleteAsync(KeyOf(kind, owner), ct);

    internal DateTimeOffset Now => time.GetUtcNow();

    internal TimeSpan RefreshInterval => options.LockRefreshInterval;

    /// <summary>Locks refreshed within the stale time, except the one at <paramref name="ownKey"/>; also the keys of stale ones.</summary>
    public async Task<(List<ContainerLock> Live, List<string> StaleKeys)> ReadOthersAsync(string ownKey, CancellationToken ct)
    {
        var live = new List<ContainerLock>();
        var stale = new List<string>();
        var now = time.GetUtcNow();
        await foreach (var info in store.ListAsync(Prefix, ct))
        {
            if (info.Key == ownKey)
            {
                continue;
            }

            var body = await TryReadAsync(info.Key, ct);
            var refreshed = body?.RefreshedAt ?? info.LastModified; // unreadable: judge by the object's own age
            if (body is null && refreshed == default)
            {
                continue;
            }

            if (now - refreshed < options.LockStaleAfter)
            {
                live.Add(body ?? new ContainerLock("unknown", info.Key, refreshed));
            }
            else
            {
                stale.Add(info.Key);
            }
        }

        return (live, stale);
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

    /// <summary>Writes a backup lock, then waits while a live sweep holds a prune lock.</summary>
    public async Task<LockLease> AcquireForBackupAsync(string backupId, CancellationToken ct)
    {
        var lease = await WriteAsync(ContainerLock.BackupKind, backupId, ct);
        while (true)
        {
            var (live, _) = await ReadOthersAsync(lease.Key, ct);
            if (!live.Any(l => l.Kind == ContainerLock.PruneKind))
            {
                return lease;
            }

            await Task.Delay(options.LockPollInterval, time, ct);
            await lease.RefreshIfDueAsync(ct);
        }
    }

    /// <summary>Writes a prune lock and keeps it only when no other live lock exists; null means "defer the sweep".</summary>
    public async Task<(LockLease? Lease, List<string> StaleKeys)> TryAcquireForPruneAsync(CancellationToken ct)
    {
        var lease = await WriteAsync(ContainerLock.PruneKind, Guid.NewGuid().ToString("N"), ct);
        var (live, stale) = await ReadOthersAsync(lease.Key, ct);
        if (live.Count == 0)
        {
            return (lease, stale);
        }

        await lease.ReleaseAsync(ct);
        return (null, stale);
    }
}
