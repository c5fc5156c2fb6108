namespace VolumeBackup.Server.Hosting;

/// <summary>
/// How the nodes of a deployment see each other (section <c>VolumeBackup:Nodes</c>): every node writes a heartbeat to
/// the shared database; a node silent for <see cref="DownAfter"/> counts as down, and the jobs routed to it fail after
/// <see cref="GracePeriod"/> unless it comes back first.
/// </summary>
internal sealed class NodeOptions
{
    public const string SectionName = "VolumeBackup:Nodes";

    /// <summary>How often a node writes its heartbeat.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A node whose last heartbeat is older than this is down (several heartbeats, so one slow write is no death).</summary>
    public TimeSpan DownAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a job routed to a down node waits for it to come back (and resume the job) before it is ended with a
    /// reason naming the host.
    /// </summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromMinutes(10);
}
