namespace VolumeBackup.Server.Jobs;

/// <summary>How many verifications the scrub queues per container and period, so that a share of it is verified per day.</summary>
internal static class ScrubPlan
{
    /// <summary>
    /// Of <paramref name="backups"/> available backups, <paramref name="share"/> per day spread over periods of
    /// <paramref name="interval"/>, rounded up: a container with any backup gets at least one per period while the scrub
    /// is on, so small containers are not starved by rounding.
    /// </summary>
    public static int PerPeriod(int backups, double share, TimeSpan interval)
    {
        if (backups <= 0 || share <= 0)
        {
            return 0;
        }

        var perDay = backups * share;
        var periods = TimeSpan.FromDays(1) / interval;
        return (int)Math.Clamp(Math.Ceiling(perDay / periods), 1, backups);
    }
}
