namespace VolumeBackup.Server.Jobs;

/// <summary>
/// Keeps the newest progress a job reported. Reports come from the data path's threads many times a second; the
/// job's monitor reads the newest one every progress interval and writes it to the database, so reporting costs no I/O.
/// </summary>
internal sealed class LatestProgress : IProgress<JobProgress>
{
    private readonly Lock _gate = new();
    private JobProgress _latest;
    private long _version;

    public void Report(JobProgress value)
    {
        lock (_gate)
        {
            _latest = value;
            _version++;
        }
    }

    /// <summary>The newest report and a number that changes with every report (0 = none yet).</summary>
    public (JobProgress Progress, long Version) Read()
    {
        lock (_gate)
        {
            return (_latest, _version);
        }
    }
}
