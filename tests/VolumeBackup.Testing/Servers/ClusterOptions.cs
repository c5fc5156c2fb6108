namespace VolumeBackup.Testing.Servers;

/// <summary>One node of a cluster to start: its host name, its roles (null: the server's default) and its own settings.</summary>
public sealed record ClusterNodeSpec(string Host, string? Roles = null, IReadOnlyDictionary<string, string>? Settings = null);

/// <summary>What a <see cref="ServerCluster"/> starts: its nodes, settings every node shares, and where logs go.</summary>
public sealed record ClusterOptions
{
    /// <summary>Names the run's log directory (artifacts/test-logs/&lt;Name&gt;-&lt;time&gt;).</summary>
    public string Name { get; init; } = "cluster";

    public IReadOnlyList<ClusterNodeSpec> Nodes { get; init; } = [new("node-a"), new("node-b"), new("node-c")];

    /// <summary>Settings of every node (configuration keys); a node's own settings win.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Back up to the local Swift (tenant-a in account AUTH_test, tenant-b in AUTH_test2) rather than each node's own directory.</summary>
    public bool Swift { get; init; } = true;

    /// <summary>Tenants that get a token of their own (besides the admin token every node shares).</summary>
    public IReadOnlyList<string> Tenants { get; init; } = [ObjectStores.SwiftFixture.TenantA, ObjectStores.SwiftFixture.TenantB];
}
