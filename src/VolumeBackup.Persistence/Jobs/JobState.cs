namespace VolumeBackup.Persistence.Jobs;

/// <summary>Where a job is in its life. Stored in the database: only ever add.</summary>
public static class JobState
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";

    /// <summary>A user cancelled the job (queued or running); its reason is the cancel's. Ended, like done and failed.</summary>
    public const string Cancelled = "cancelled";
}
