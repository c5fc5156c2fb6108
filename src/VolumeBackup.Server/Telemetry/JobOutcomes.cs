namespace VolumeBackup.Server.Telemetry;

/// <summary>How a job ended, the <c>outcome</c> label of the job metrics and the job span's tag.</summary>
internal static class JobOutcomes
{
    /// <summary>The job did its work and ended done.</summary>
    public const string Done = "done";

    /// <summary>The job ended failed (its fail reason is on the job and its backup or volume).</summary>
    public const string Failed = "failed";

    /// <summary>A user cancelled the job.</summary>
    public const string Cancelled = "cancelled";
}
