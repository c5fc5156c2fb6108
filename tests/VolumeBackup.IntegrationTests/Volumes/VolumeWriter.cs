namespace VolumeBackup.IntegrationTests.Volumes;

/// <summary>
/// Keeps writing random 64 KiB blocks at random aligned offsets of a volume file's first <c>span</c> bytes, as a guest
/// using the volume would, until stopped. <see cref="Writes"/> counts the blocks written.
/// </summary>
internal sealed class VolumeWriter : IAsyncDisposable
{
    private const int BlockSize = 64 << 10;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _writes;

    public VolumeWriter(string path, long span, int seed)
    {
        _loop = Task.Run(() => Run(path, span, seed, _stop.Token));
    }

    public long Writes => Interlocked.Read(ref _writes);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }

    private void Run(string path, long span, int seed, CancellationToken stop)
    {
        var random = new Random(seed);
        var block = new byte[BlockSize];
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        while (!stop.IsCancellationRequested)
        {
            random.NextBytes(block);
            RandomAccess.Write(handle, block, random.NextInt64(span / BlockSize) * BlockSize);
            Interlocked.Increment(ref _writes);
            Thread.Sleep(1); // a busy guest, not a saturating one: the 2-core machine is shared
        }
    }
}
