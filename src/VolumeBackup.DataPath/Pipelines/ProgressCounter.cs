namespace VolumeBackup.DataPath.Pipelines;

/// <summary>Thread-safe bytes-done counter that reports every change to the caller's <see cref="IProgress{T}"/>.</summary>
internal sealed class ProgressCounter(long total, IProgress<TransferProgress>? progress)
{
    private long _done;

    public void Add(long bytes)
    {
        if (bytes > 0)
        {
            progress?.Report(new TransferProgress(Interlocked.Add(ref _done, bytes), total));
        }
    }

    /// <summary>Moves the counter forward to <paramref name="done"/> (never back) when stages finish in volume order.</summary>
    public void AdvanceTo(long done)
    {
        var current = Interlocked.Read(ref _done);
        if (done > current)
        {
            Interlocked.Exchange(ref _done, done);
            progress?.Report(new TransferProgress(done, total));
        }
    }
}
