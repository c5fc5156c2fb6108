namespace VolumeBackup.Persistence.Nodes;

/// <summary>
/// A node of the deployment as it last reported itself: its host name (the key jobs and volumes are routed by), its
/// roles, and the heartbeat that tells the others it is alive. A node whose heartbeat is older than the configured
/// down time counts as down; its volumes' operations are refused and its jobs wait for it, then fail after the grace period.
/// </summary>
public sealed class NodeRecord
{
    /// <summary>The node's <c>VolumeBackup:NodeHost</c>: unique in the deployment.</summary>
    public required string Host { get; set; }

    /// <summary>Comma-separated roles: <c>api</c>, <c>worker</c> or both.</summary>
    public required string Roles { get; set; }

    /// <summary>The running process (changes at every start): tells a restart from a node that kept running.</summary>
    public required string Instance { get; set; }

    /// <summary>How many jobs the node's workers run at once.</summary>
    public int MaxJobs { get; set; }

    /// <summary>The address other nodes and admins reach the node's API at, when it has the api role.</summary>
    public string? Endpoint { get; set; }

    public string? Version { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset HeartbeatAt { get; set; }

    /// <summary>Set when an admin retired the node: it gets no new volumes, and its row stays for the record.</summary>
    public DateTimeOffset? RetiredAt { get; set; }
}
