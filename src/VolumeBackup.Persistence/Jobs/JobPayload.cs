namespace VolumeBackup.Persistence.Jobs;

/// <summary>
/// The payloads a job may carry, written by the API and read by the workers. Stored in the database, so a job queued
/// by one version is run by the next: only ever add.
/// </summary>
public static class JobPayload
{
    /// <summary>A restore job whose target volume the worker must create first.</summary>
    public const string CreateVolume = """{"create_volume":true}""";
}
