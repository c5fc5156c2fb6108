using VolumeBackup.Server.Jobs;

namespace VolumeBackup.Server.Telemetry;

/// <summary>Passes progress on and keeps the furthest bytes-done reported: what a restore wrote, for its metric.</summary>
internal sealed class BytesDoneProgress(IProgress<JobProgress> inner) : IProgress<JobProgress>
{
    private long _bytesDone;

    public long BytesDone => Interlocked.Read(ref _bytesDone);

    public void Report(JobProgress value)
    {
        inner.Report(value);
        long seen;
        while (value.BytesDone > (seen = Interlocked.Read(ref _bytesDone))
               && Interlocked.CompareExchange(ref _bytesDone, value.BytesDone, seen) != seen)
        {
        }
    }
}
