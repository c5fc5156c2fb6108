using VolumeBackup.ObjectStores;

namespace VolumeBackup.Server.Hosting;

/// <summary>The service's settings, section <c>VolumeBackup</c> (docs/configuration.md lists every key).</summary>
internal sealed class VolumeBackupOptions
{
    public const string SectionName = "VolumeBackup";

    /// <summary>Holds the SQLite database, tokens.json, volumes/ and objects/. Relative = under the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Where to listen when no <c>--urls</c> is given. 8774 is the compute API's port, which the spec extends.</summary>
    public string Listen { get; set; } = "http://127.0.0.1:8774";

    /// <summary>This node's name: volumes created here record it, and jobs on them are routed to it.</summary>
    public string NodeHost { get; set; } = Environment.MachineName;

    /// <summary>
    /// What this node does: <c>api</c> (answers the API, runs no jobs), <c>worker</c> (runs the jobs of the volumes of
    /// <see cref="NodeHost"/>, and deletes; answers only health checks), or both, the default (<c>api,worker</c>).
    /// </summary>
    public string Roles { get; set; } = "api,worker";

    /// <summary>Heartbeats, down time and the grace period of jobs on a down node (section <c>VolumeBackup:Nodes</c>).</summary>
    public NodeOptions Nodes { get; set; } = new();

    /// <summary>The availability zone of this node's volumes; az-1 is the first zone the spec names.</summary>
    public string AvailabilityZone { get; set; } = "az-1";

    /// <summary>Largest volume one request may create (16 TiB: the ext4 file-size limit for the sparse-file driver).</summary>
    public int MaxVolumeSizeGb { get; set; } = 16384;

    /// <summary>Request bodies above this are refused (400 badRequest); the API's bodies are a few hundred bytes.</summary>
    public int MaxRequestBodyBytes { get; set; } = 64 * 1024;

    public DatabaseOptions Database { get; set; } = new();

    /// <summary>Static tokens (the default) or Keystone (section <c>VolumeBackup:Identity</c>).</summary>
    public IdentityOptions Identity { get; set; } = new();

    public QuotaOptions Quotas { get; set; } = new();

    /// <summary>Volumes an admin may adopt (section <c>VolumeBackup:Volumes</c>).</summary>
    public VolumeOptions Volumes { get; set; } = new();
    /// <summary>Point-in-time snapshots that backups read (section <c>VolumeBackup:Snapshots</c>).</summary>
    public SnapshotOptions Snapshots { get; set; } = new();

    /// <summary>Where backups are stored (section <c>VolumeBackup:ObjectStore</c>): the filesystem under the data directory by default, or Swift.</summary>
    public ObjectStoreOptions ObjectStore { get; set; } = new();

    /// <summary>The web dashboard (section <c>VolumeBackup:Dashboard</c>).</summary>
    public DashboardOptions Dashboard { get; set; } = new();

    /// <summary>Metrics at /metrics and trace export (section <c>VolumeBackup:Telemetry</c>).</summary>
    public TelemetryOptions Telemetry { get; set; } = new();

    /// <summary>The console log's format (section <c>VolumeBackup:Logging</c>).</summary>
    public LoggingOptions Logging { get; set; } = new();

    public string DataDirectoryFullPath => Path.GetFullPath(DataDirectory);
}
