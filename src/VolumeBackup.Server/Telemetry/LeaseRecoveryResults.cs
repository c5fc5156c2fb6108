namespace VolumeBackup.Server.Telemetry;

/// <summary>The <c>result</c> label of <c>volumebackup_lease_recoveries_total</c>.</summary>
internal static class LeaseRecoveryResults
{
    /// <summary>A lost worker's job went back to the queue; another worker resumes it.</summary>
    public const string Requeued = "requeued";

    /// <summary>A lost worker's job was out of attempts: it ended failed, its backup or volume got the failure statuses.</summary>
    public const string Failed = "failed";
}
