using System.Globalization;
using VolumeBackup.Persistence;
using VolumeBackup.Testing.ObjectStores;

namespace VolumeBackup.Testing.Servers;

/// <summary>
/// Several server processes (the built dll) as the nodes of one deployment: each with its own
/// <c>VolumeBackup:NodeHost</c>, port, data directory (its volumes) and log file, all on one PostgreSQL database and
/// one Swift, with one set of tokens valid on every node. Job logging is on (Information) so a test can find in a
/// node's log which jobs it ran. Logs are kept after the run under artifacts/test-logs (or <c>VB_TEST_LOG_DIR</c>).
/// </summary>
public sealed class ServerCluster : IAsyncDisposable
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(90);
    private readonly List<TempDataDirectory> _directories = [];
    private readonly List<string> _containers = [];

    private ServerCluster(string logDirectory, SharedTokens tokens)
    {
        LogDirectory = logDirectory;
        Tokens = tokens;
    }

    public IReadOnlyList<ClusterNode> Nodes { get; private set; } = [];

    public ClusterNode this[int index] => Nodes[index];

    public string LogDirectory { get; }

    public SharedTokens Tokens { get; }

    /// <summary>Starts every node on the PostgreSQL database <paramref name="connectionString"/> and waits until all are healthy.</summary>
    public static async Task<ServerCluster> StartAsync(string connectionString, ClusterOptions options)
    {
        if (options.Swift)
        {
            SwiftFixture.Require();
        }

        var cluster = new ServerCluster(NewLogDirectory(options.Name), new SharedTokens(options.Tenants));
        try
        {
            var nodes = new List<ClusterNode>();
            foreach (var spec in options.Nodes)
            {
                var directory = new TempDataDirectory($"vb-{spec.Host}");
                cluster._directories.Add(directory);
                cluster.Tokens.WriteTo(directory.Path);
                var settings = new ServerSettings
                {
                    Database = DatabaseProvider.Postgres,
                    ConnectionString = connectionString,
                    Settings = NodeSettings(spec, options),
                };
                nodes.Add(new ClusterNode(spec.Host, directory.Path, Path.Combine(cluster.LogDirectory, $"{spec.Host}.log"), settings, cluster.Tokens));
            }

            cluster.Nodes = nodes;
            await Task.WhenAll(nodes.Select(StartNodeAsync));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>A Swift container name for this run's backups; deleted from both test accounts on dispose.</summary>
    public string NewContainer()
    {
        var name = SwiftFixture.NewContainerName();
        _containers.Add(name);
        return name;
    }

    /// <summary>SIGKILL of the node's process (no shutdown code runs); the node is down until <see cref="RestartAsync"/>.</summary>
    public async Task KillAsync(ClusterNode node)
    {
        RequireMember(node);
        var process = node.Process ?? throw new InvalidOperationException($"Node {node.Host} is already down.");
        process.Kill();
        await process.DisposeAsync();
        node.Process = null;
        node.DisposeClients();
        await File.AppendAllTextAsync(node.LogFile, $"---- {DateTime.UtcNow:O} killed (SIGKILL) by the test ----{Environment.NewLine}");
    }

    /// <summary>Starts the node again on its data directory and host name (a new port: take new API clients).</summary>
    public async Task RestartAsync(ClusterNode node)
    {
        RequireMember(node);
        if (node.Process is not null)
        {
            throw new InvalidOperationException($"Node {node.Host} is running.");
        }

        await File.AppendAllTextAsync(node.LogFile, $"---- {DateTime.UtcNow:O} started again by the test ----{Environment.NewLine}");
        await StartNodeAsync(node);
    }

    /// <summary>The node whose <see cref="ClusterNode.Host"/> is <paramref name="host"/>.</summary>
    public ClusterNode Node(string host) => Nodes.Single(n => n.Host == host);

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            node.DisposeClients();
            if (node.Process is { } process)
            {
                await process.DisposeAsync();
                node.Process = null;
            }
        }

        foreach (var directory in _directories)
        {
            directory.Dispose();
        }

        foreach (var container in _containers)
        {
            await SwiftFixture.DeleteContainerAsync(SwiftFixture.TenantACredentials, container, CancellationToken.None);
            await SwiftFixture.DeleteContainerAsync(SwiftFixture.TenantBCredentials, container, CancellationToken.None);
        }
    }

    private void RequireMember(ClusterNode node)
    {
        if (!Nodes.Contains(node))
        {
            throw new ArgumentException($"Node {node.Host} is not a node of this cluster.", nameof(node));
        }
    }

    private static async Task StartNodeAsync(ClusterNode node)
    {
        var process = ServerProcess.Start(node.DataDirectory, node.Settings, logFile: node.LogFile);
        node.Process = process;
        await process.WaitUntilHealthyAsync(Startup);
    }

    private static Dictionary<string, string> NodeSettings(ClusterNodeSpec spec, ClusterOptions options)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["VolumeBackup:NodeHost"] = spec.Host,
            ["VolumeBackup:Quotas:Volumes"] = "100",
            ["VolumeBackup:Quotas:Gigabytes"] = "1000",
            ["VolumeBackup:Backups:PollInterval"] = "00:00:00.200",
            ["Logging:LogLevel:VolumeBackup.Server.Jobs"] = "Information",
            ["Logging:Console:TimestampFormat"] = "yyyy-MM-ddTHH:mm:ss.fffZ ",
            ["Logging:Console:UseUtcTimestamp"] = "true",
        };
        if (spec.Roles is not null)
        {
            settings["VolumeBackup:Roles"] = spec.Roles;
        }

        if (options.Swift)
        {
            AddSwift(settings);
        }

        foreach (var (key, value) in options.Settings.Concat(spec.Settings ?? new Dictionary<string, string>()))
        {
            settings[key] = value;
        }

        return settings;
    }

    private static void AddSwift(Dictionary<string, string> settings)
    {
        settings["VolumeBackup:ObjectStore:Kind"] = "Swift";
        settings["VolumeBackup:ObjectStore:Swift:Mode"] = "User";
        settings["VolumeBackup:ObjectStore:Swift:AuthUrl"] = SwiftFixture.AuthUrl.ToString();
        settings["VolumeBackup:ObjectStore:Swift:RequestTimeout"] = "00:00:30";
        AddTenant(settings, SwiftFixture.TenantA, SwiftFixture.TenantACredentials, SwiftFixture.TenantAStorageUrl);
        AddTenant(settings, SwiftFixture.TenantB, SwiftFixture.TenantBCredentials, SwiftFixture.TenantBStorageUrl);
    }

    private static void AddTenant(
        Dictionary<string, string> settings, string tenant, VolumeBackup.ObjectStores.Swift.SwiftAccountCredentials account, Uri storageUrl)
    {
        var prefix = $"VolumeBackup:ObjectStore:Swift:Tenants:{tenant}:";
        settings[prefix + "User"] = account.User!;
        settings[prefix + "Key"] = account.Key!;
        settings[prefix + "StorageUrl"] = storageUrl.ToString();
    }

    private static string NewLogDirectory(string name)
    {
        var root = Environment.GetEnvironmentVariable("VB_TEST_LOG_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot(), "artifacts", "test-logs");
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);
        var directory = Path.Combine(root, $"{name}-{stamp}");
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "VolumeBackup.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Path.GetTempPath();
    }
}
