using System.Buffers;
using VolumeBackup.ObjectStores;

namespace VolumeBackup.UnitTests.DataPath;

/// <summary>
/// Fault injection: a real store whose existence checks (<see cref="IObjectStore.TryGetInfoAsync"/>) wait until the test
/// releases them, and give up when their caller's token is cancelled, as a network request does.
/// </summary>
internal sealed class HeldInfoObjectStore(IObjectStore inner) : IObjectStore
{
    private int _infoCalls;

    public TaskCompletionSource InfoStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int InfoCalls => _infoCalls;

    public string Container => inner.Container;

    public async Task<ObjectInfo?> TryGetInfoAsync(string key, CancellationToken ct)
    {
        Interlocked.Increment(ref _infoCalls);
        InfoStarted.TrySetResult();
        await Release.Task.WaitAsync(ct);
        return await inner.TryGetInfoAsync(key, ct);
    }

    public Task EnsureContainerAsync(CancellationToken ct) => inner.EnsureContainerAsync(ct);

    public Task PutAsync(string key, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string>? metadata, CancellationToken ct) =>
        inner.PutAsync(key, data, metadata, ct);

    public Task GetAsync(string key, IBufferWriter<byte> destination, CancellationToken ct) => inner.GetAsync(key, destination, ct);

    public Task GetRangeAsync(string key, long offset, int length, IBufferWriter<byte> destination, CancellationToken ct) =>
        inner.GetRangeAsync(key, offset, length, destination, ct);

    public Task DeleteAsync(string key, CancellationToken ct) => inner.DeleteAsync(key, ct);

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken ct) => inner.ListAsync(prefix, ct);
}
