using VolumeBackup.DataPath;
using VolumeBackup.DataPath.Blocks;
using VolumeBackup.DataPath.Hashing;
using VolumeBackup.DataPath.Packs;

namespace VolumeBackup.UnitTests.DataPath;

/// <summary>
/// Fault injection: a complete, empty block index whose lookups never answer. Cancelled, a lookup takes
/// <see cref="WindDown"/> to end, as a database command does, so a lookup left behind by its pipeline is still running
/// when the backup returns.
/// </summary>
internal sealed class StallingBlockIndex : IBlockIndex
{
    private int _running;

    public static TimeSpan WindDown => TimeSpan.FromMilliseconds(500);

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lookups that have started and not yet ended.</summary>
    public int Running => Volatile.Read(ref _running);

    public async ValueTask LookupAsync(ReadOnlyMemory<Hash256> hashes, Memory<BlockLocation?> found, CancellationToken ct)
    {
        Interlocked.Increment(ref _running);
        Started.TrySetResult();
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        }
        finally
        {
            await Task.Delay(WindDown, CancellationToken.None);
            Interlocked.Decrement(ref _running);
        }
    }

    public ValueTask AddPackAsync(Hash256 packId, IReadOnlyList<PackIndexEntry> entries, CancellationToken ct) => ValueTask.CompletedTask;

    public ValueTask AddPacksAsync(IReadOnlyList<(Hash256 PackId, IReadOnlyList<PackIndexEntry> Entries)> packs, CancellationToken ct) =>
        ValueTask.CompletedTask;

    public ValueTask RemovePacksAsync(IReadOnlyCollection<Hash256> packIds, CancellationToken ct) => ValueTask.CompletedTask;

    public ValueTask<bool> IsCompleteAsync(CancellationToken ct) => ValueTask.FromResult(true);

    public ValueTask MarkCompleteAsync(CancellationToken ct) => ValueTask.CompletedTask;
}
