using System.Text.Json;
using System.Threading.Channels;
using VolumeBackup.DataPath.Buffers;
using VolumeBackup.DataPath.Manifests;
using VolumeBackup.DataPath.Packs;
using VolumeBackup.ObjectStores;
using VolumeBackup.Volumes;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>
/// One backup run: lock, previous backup, landed packs of an interrupted run, then
/// read -> (hash, lookup, compress) x workers -> assemble packs and segments -> upload x N, and the root last.
/// Memory: <see cref="DataPathOptions.ChunksInFlight"/> chunks of two read buffers, and upload concurrency + 2 pack buffers.
/// </summary>
internal sealed class BackupPipeline(
    DataPathOptions options, TimeProvider time, IBlockIndex? index, ILockOwner? owner = null, IContainerLockStore? lockStore = null)
{
    public async Task<BackupResult> RunAsync(
        VolumeHandle source, IObjectStore store, BackupDescriptor descriptor, IProgress<TransferProgress>? progress, CancellationToken ct)
    {
        ManifestKeys.EnsureValidId(descriptor.BackupId);
        await store.EnsureContainerAsync(ct);
        var locks = new ContainerLocks(lockStore ?? new Locks.ObjectStoreLockStore(store), time, options, owner);
        var lease = await locks.AcquireForBackupAsync(descriptor.BackupId, ct);
        try
        {
            return await RunLockedAsync(source, store, descriptor, progress, lease, ct);
        }
        finally
        {
            // Only after the root landed (or the run failed): a sweep that runs next sees the root. A crashed process
            // leaves its lock, which keeps sweeps away until it goes stale (at once when its owner is known to have
            // stopped); a sweep that runs before the resumed run may delete its landed packs, which the run then redoes.
            await lease.TryReleaseAsync();
        }
    }

    private async Task<BackupResult> RunLockedAsync(
        VolumeHandle source, IObjectStore store, BackupDescriptor descriptor, IProgress<TransferProgress>? progress,
        LockLease lease, CancellationToken ct)
    {
        var previous = await PreviousBackup.TryOpenAsync(store, descriptor.PreviousBackupId, options, ct);
        var existingPacks = await ExistingPacks.ListAsync(store, ct);
        // lookups is null while the index is incomplete; rebuild tells the caller what a rebuild did, or why it failed.
        var (lookups, rebuild) = await BlockIndexRebuild.PrepareAsync(store, index, existingPacks, options, lease, ct);
        var runBlocks = new RunBlockMap(options.KnownBlocksCapacity);
        var (resumed, firstSequence) = await LandedPacks.RecoverAsync(store, descriptor.BackupId, options, runBlocks, index, ct);

        var chunkPool = new BoundedPool<Chunk>(options.ChunksInFlight, () => new Chunk(options.ReadChunkBytes, options.BlockSize));
        var packBufferSize = PackWriter.BufferSizeFor(options.PackTargetBytes, options.BlockSize);
        // Aligned, so that a store writing to local disk can send packs past the page cache (see FilesystemObjectStore).
        var packPool = new BoundedPool<AlignedBuffer>(
            options.UploadConcurrency + 2, () => new AlignedBuffer(packBufferSize, VolumeHandle.DirectWriteAlignment));
        var toWorkers = Channel.CreateBounded<Chunk>(options.ChunksInFlight);
        var inOrder = Channel.CreateBounded<InOrderItem>(options.ChunksInFlight);
        var uploads = Channel.CreateBounded<UploadItem>(1);
        var counter = new ProgressCounter(source.Length, progress);

        // Changed-block tracking, only when the previous backup can stand in for every block it does not list as changed.
        var changes = ChangedBlockPlan.TryCreate(descriptor.ChangedSincePrevious, previous, source.Length, options.BlockSize);
        var reader = new ChunkReader(source, options, chunkPool, previous, changes, existingPacks, descriptor.BackupId);
        var assembler = new PackAssembler(
            options, descriptor.BackupId, firstSequence, chunkPool, packPool, runBlocks, previous, counter, lease);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var token = cts.Token;
        var stages = new List<Func<Task>>
        {
            () => reader.RunAsync(toWorkers.Writer, inOrder.Writer, token),
            () => assembler.RunAsync(inOrder.Reader, uploads.Writer, token),
        };
        for (var i = 0; i < options.Workers; i++)
        {
            var worker = new BlockWorker(options, runBlocks, lookups, existingPacks);
            stages.Add(() => worker.RunAsync(toWorkers.Reader, token));
        }

        // Unbounded: an entry list per pack (a few KiB), and the recorder must never hold up a PUT.
        var landed = index is null ? null : Channel.CreateUnbounded<LandedPack>(new UnboundedChannelOptions { SingleReader = true });
        stages.Add(() => PipelineTasks.RunSideBySideAsync(
            options.UploadConcurrency, () => new Uploader(store, packPool, landed?.Writer).RunAsync(uploads.Reader, token), landed?.Writer));
        if (landed is not null)
        {
            var recorder = new IndexRecorder(index!);
            stages.Add(() => recorder.RunAsync(landed.Reader, token));
        }

        await PipelineTasks.RunAsync(cts, stages);

        var totalBlocks = (source.Length + options.BlockSize - 1) / options.BlockSize;
        var referencedSegments = assembler.Segments.Count;
        var objectCount = assembler.ReferencedPacks + referencedSegments + 1;
        var root = new BackupManifest(
            BackupManifest.CurrentFormatVersion,
            descriptor.BackupId,
            descriptor.VolumeId,
            descriptor.DisplayName,
            descriptor.DisplayDescription,
            descriptor.CreatedAt,
            descriptor.PreviousBackupId,
            source.Length,
            options.BlockSize,
            options.SegmentBlocks,
            assembler.Segments,
            new BackupStats(
                assembler.StoredBlocks,
                totalBlocks - assembler.StoredBlocks,
                assembler.NewBlocks,
                assembler.NewStoredBytes,
                assembler.ReferencedPacks,
                referencedSegments,
                objectCount));
        var rootBytes = JsonSerializer.SerializeToUtf8Bytes(root, ManifestJsonContext.Default.BackupManifest);

        // Headers naming the backup and volume, so a user listing the container (swift stat) recognises the root.
        var rootMetadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["backup-id"] = descriptor.BackupId,
            ["volume-id"] = descriptor.VolumeId,
        };
        await store.PutAsync(ManifestKeys.RootOf(descriptor.BackupId), rootBytes, rootMetadata, ct);
        counter.AdvanceTo(source.Length);

        return new BackupResult(
            objectCount,
            source.Length,
            assembler.NewStoredBytes + rootBytes.Length,
            assembler.StoredBlocks,
            totalBlocks - assembler.StoredBlocks,
            assembler.NewBlocks,
            assembler.NewPacks,
            assembler.NewSegments,
            resumed,
            existingPacks.BlocksFromMissingPacks,
            (long)chunkPool.Created * 2 * options.ReadChunkBytes + (long)packPool.Created * packBufferSize,
            rebuild)
        {
            ReadChangedBlocksOnly = changes is not null,
            DataBytes = Math.Min(source.Length, assembler.StoredBlocks * options.BlockSize),
        };
    }
}
