namespace VolumeBackup.Persistence.Jobs;

/// <summary>What a running job's heartbeat found (see <see cref="JobCancellations.BeatAsync"/>).</summary>
public enum JobHeartbeat
{
    /// <summary>The lease was renewed and nobody asked to cancel the job: go on.</summary>
    Ok,

    /// <summary>The lease was renewed, and a user asked to cancel the job: stop, clean up, end it as cancelled.</summary>
    CancelRequested,

    /// <summary>This worker no longer holds the job (its lease ran out and another took it): stop, change nothing.</summary>
    Lost,
}
