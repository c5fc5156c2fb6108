using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using VolumeBackup.DataPath.Locks;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.DataPath.Pipelines;
using VolumeBackup.ObjectStores;
using VolumeBackup.Volumes;

namespace VolumeBackup.DataPath;

/// <summary>
/// Moves volume bytes into a container and back (docs/backup-format.md). Thread-safe: one engine serves concurrent
/// backups, restores and deletes, each with its own buffers. Object store errors propagate as
/// <see cref="ObjectStoreException"/> (no retries here); damage and user-facing failures are <see cref="DataPathException"/>.
/// </summary>
public sealed class BackupEngine
{
    private readonly DataPathOptions _options;
    private readonly TimeProvider _time;
    private readonly ILockOwner? _owner;
    private readonly IContainerLockStore? _locks;

    /// <remarks>The engine holds no block index: one engine serves every container, and an <see cref="IBlockIndex"/>
    /// belongs to one container, so each operation that uses one is given its container's.</remarks>
    public BackupEngine(DataPathOptions options, TimeProvider time)
        : this(options, time, null, null)
    {
    }

    private BackupEngine(DataPathOptions options, TimeProvider time, ILockOwner? owner, IContainerLockStore? locks)
    {
        options.Validate();
        _options = options;
        _time = time;
        _owner = owner;
        _locks = locks;
    }

    /// <summary>
    /// This engine for the operations of <paramref name="owner"/>: their locks name it, other owners' locks are judged by
    /// asking it whether they still run, and a backup or delete that meets a running sweep throws
    /// <see cref="ContainerBusyException"/> instead of waiting (see <see cref="ILockOwner"/>).
    /// </summary>
    public BackupEngine OwnedBy(ILockOwner owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return new BackupEngine(_options, _time, owner, _locks);
    }

    /// <summary>
    /// This engine for operations on the one container whose locks <paramref name="locks"/> keeps (the service keeps
    /// them in its database); without it, locks are objects under <c>locks/</c> in the container operated on. Like a
    /// block index, a lock store belongs to one container: use the engine this returns only with that container's store.
    /// </summary>
    public BackupEngine LockingIn(IContainerLockStore locks)
    {
        ArgumentNullException.ThrowIfNull(locks);
        return new BackupEngine(_options, _time, _owner, locks);
    }

    /// <summary>
    /// Backs up <paramref name="source"/>; the root is written last, so the backup exists only once this returns.
    /// Running it again with the same backup id after a crash reuses the packs that landed.
    /// </summary>
    public Task<BackupResult> BackupAsync(
        VolumeHandle source, IObjectStore store, BackupDescriptor descriptor, IProgress<TransferProgress>? progress, CancellationToken ct) =>
        BackupAsync(source, store, descriptor, null, progress, ct);

    /// <summary>
    /// As <see cref="BackupAsync(VolumeHandle, IObjectStore, BackupDescriptor, IProgress{TransferProgress}?, CancellationToken)"/>,
    /// also deduping against <paramref name="index"/>, the block index of <paramref name="store"/>'s container (never another
    /// container's). An index that is not complete is rebuilt from the container's packs under the backup's lock first;
    /// if that fails, this backup does without it. The backup's new packs are added to it either way.
    /// </summary>
    public Task<BackupResult> BackupAsync(
        VolumeHandle source, IObjectStore store, BackupDescriptor descriptor, IBlockIndex? index,
        IProgress<TransferProgress>? progress, CancellationToken ct) =>
        new BackupPipeline(_options, _time, index, _owner, _locks).RunAsync(source, store, descriptor, progress, ct);

    /// <summary>
    /// Writes the backup's bytes into the first VolumeSize bytes of <paramref name="target"/> (which may be larger; the rest
    /// is left as is). Every block is verified before it is written; damage fails with a message naming the block.
    /// Holds a restore lock while it runs, so no sweep deletes or replaces what it reads (see <see cref="ContainerLocks"/>).
    /// </summary>
    public Task RestoreAsync(
        IObjectStore store, string backupId, VolumeHandle target, IProgress<TransferProgress>? progress, CancellationToken ct) =>
        UnderRestoreLockAsync(store, backupId, () => new RestorePipeline(_options).RunAsync(store, backupId, target, progress, ct), ct);

    /// <summary>
    /// Reads back everything the backup refers to (its root, every segment, every pack range), decodes every block and
    /// checks its SHA-256, writing nothing. Unlike <see cref="RestoreAsync"/> it goes on past damage and reports it all:
    /// missing objects, short packs and segments, blocks whose bytes do not match. A missing root fails with
    /// <see cref="DataPathException"/>; store failures (unavailable, denied) propagate as they are, since they are not
    /// damage. Holds a restore lock like a restore, so no sweep removes what it reads.
    /// </summary>
    public async Task<VerifyResult> VerifyAsync(
        IObjectStore store, string backupId, IProgress<TransferProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        VerifyResult? result = null;
        await UnderRestoreLockAsync(
            store, backupId, async () => result = await new VerifyPipeline(_options).RunAsync(store, backupId, progress, ct), ct);
        return result!;
    }

    /// <summary>Runs <paramref name="read"/> under a restore lock, kept fresh while it runs and released after.</summary>
    private async Task UnderRestoreLockAsync(IObjectStore store, string backupId, Func<Task> read, CancellationToken ct)
    {
        // The lock lands before the pipeline reads the root: that order is what the sweep's safety argument rests on.
        LockLease lease;
        try
        {
            lease = await LocksOf(store).AcquireForRestoreAsync(ct);
        }
        catch (ObjectNotFoundException)
        {
            await ManifestReader.ReadRootAsync(store, backupId, ct); // no container, so no root: fails with the usual sentence
            throw;
        }

        using var refreshing = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var keepAlive = lease.KeepRefreshedAsync(_time, refreshing.Token);
        try
        {
            await read();
        }
        finally
        {
            await refreshing.CancelAsync();
            await keepAlive;
            await lease.TryReleaseAsync();
        }
    }

    /// <summary>
    /// Makes the backup whose root is <paramref name="sourceBackupId"/> known as <paramref name="newBackupId"/> too: a copy
    /// of its root under the new id, which refers to the same packs and segments and then keeps them alive like any root
    /// (deleting either backup leaves the other restorable). This is how a backup exported by another deployment that
    /// shares the container is imported under this deployment's id. Runs under a restore lock, so no sweep removes what
    /// the source refers to while the copy lands. A missing or damaged source root, or a new id that already names a
    /// backup with other data, fails with <see cref="DataPathException"/>; an identical root already there is kept.
    /// </summary>
    public async Task<BackupManifest> AdoptAsync(IObjectStore store, string sourceBackupId, string newBackupId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ManifestKeys.EnsureValidId(sourceBackupId);
        ManifestKeys.EnsureValidId(newBackupId);
        LockLease lease;
        try
        {
            lease = await LocksOf(store).AcquireForRestoreAsync(ct);
        }
        catch (ObjectNotFoundException)
        {
            await ManifestReader.ReadRootAsync(store, sourceBackupId, ct); // no container, so no root: the usual sentence
            throw;
        }

        try
        {
            var source = await ManifestReader.ReadRootAsync(store, sourceBackupId, ct);
            if (string.Equals(sourceBackupId, newBackupId, StringComparison.Ordinal))
            {
                return source;
            }

            var copy = source with { BackupId = newBackupId };
            if (await ManifestReader.TryReadRootAsync(store, newBackupId, ct) is { } existing)
            {
                return existing.VolumeSize == copy.VolumeSize && existing.Segments.SequenceEqual(copy.Segments)
                    ? existing
                    : throw new DataPathException(
                        $"Backup {newBackupId} already exists in container '{store.Container}' with other data.");
            }

            var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["backup-id"] = newBackupId,
                ["volume-id"] = copy.VolumeId,
            };
            await store.PutAsync(
                ManifestKeys.RootOf(newBackupId), JsonSerializer.SerializeToUtf8Bytes(copy, ManifestJsonContext.Default.BackupManifest),
                metadata, ct);
            return copy;
        }
        finally
        {
            await lease.TryReleaseAsync();
        }
    }

    /// <summary>
    /// Deletes the backup's root (idempotent), then sweeps objects no root refers to and compacts mostly-dead packs, unless
    /// a backup, restore or delete is running in the container, in which case the sweep is deferred to a later delete or
    /// <see cref="SweepAsync(IObjectStore, CancellationToken)"/>. The root is deleted under a delete lock, after any running sweep has ended, so a
    /// compaction that read the root cannot write it back (see <see cref="ContainerLocks"/>).
    /// </summary>
    public Task<DeleteResult> DeleteBackupAsync(IObjectStore store, string backupId, CancellationToken ct) =>
        DeleteBackupAsync(store, backupId, null, ct);

    /// <summary>
    /// As <see cref="DeleteBackupAsync(IObjectStore, string, CancellationToken)"/>; the sweep keeps <paramref name="index"/>,
    /// the block index of <paramref name="store"/>'s container, in step (it forgets packs before deleting them).
    /// </summary>
    public async Task<DeleteResult> DeleteBackupAsync(IObjectStore store, string backupId, IBlockIndex? index, CancellationToken ct)
    {
        var key = ManifestKeys.RootOf(backupId);
        bool existed;
        var lease = await LocksOf(store).AcquireForDeleteAsync(ct);
        try
        {
            existed = await store.TryGetInfoAsync(key, ct) is not null;
            if (existed)
            {
                await store.DeleteAsync(key, ct);
            }
        }
        finally
        {
            await lease.TryReleaseAsync();
        }

        var sweep = await SweepAsync(store, index, ct);
        return new DeleteResult(existed, sweep);
    }

    /// <summary>
    /// Removes packs and segments no root refers to and compacts packs that are mostly dead (see
    /// <see cref="DeleteBackupAsync(IObjectStore, string, CancellationToken)"/>); safe to run at any time.
    /// </summary>
    public Task<SweepResult> SweepAsync(IObjectStore store, CancellationToken ct) => SweepAsync(store, null, ct);

    /// <summary>
    /// As <see cref="SweepAsync(IObjectStore, CancellationToken)"/>, keeping <paramref name="index"/> (the block index of
    /// <paramref name="store"/>'s container) in step: deleted packs are forgotten first, compacted blocks are re-pointed.
    /// </summary>
    public Task<SweepResult> SweepAsync(IObjectStore store, IBlockIndex? index, CancellationToken ct) =>
        new ContainerSweeper(_options, _time, index, _owner, _locks).SweepAsync(store, ct);

    private ContainerLocks LocksOf(IObjectStore store) =>
        new(_locks ?? new ObjectStoreLockStore(store), _time, _options, _owner);

    /// <summary>The backups whose roots are in the container, in key order. A root that cannot be parsed is skipped.</summary>
#pragma warning disable CA1822 // an engine member like the others, so callers need not know it uses no engine state
    public async IAsyncEnumerable<BackupManifest> ListBackupsAsync(IObjectStore store, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var info in store.ListAsync(ManifestKeys.BackupsPrefix, ct))
        {
            if (!ManifestKeys.TryGetBackupId(info.Key, out var backupId))
            {
                continue;
            }

            var buffer = new ArrayBufferWriter<byte>(4096);
            BackupManifest root;
            try
            {
                await store.GetAsync(info.Key, buffer, ct);
                root = ManifestReader.ParseRoot(buffer.WrittenSpan, backupId);
            }
            catch (Exception e) when (e is ObjectNotFoundException or DataPathException)
            {
                continue; // deleted since the listing, or not a readable root: not a backup
            }

            yield return root;
        }
    }
#pragma warning restore CA1822
}
