using System.Net.Http.Headers;
using VolumeBackup.Testing.Backups;

namespace VolumeBackup.Testing.Servers;

/// <summary>
/// One node of a <see cref="ServerCluster"/>: its own host name, data directory (its volumes live there) and log file;
/// the server process behind it changes when the node is killed and started again.
/// </summary>
public sealed class ClusterNode
{
    private readonly SharedTokens _tokens;
    private readonly List<HttpClient> _clients = [];

    internal ClusterNode(string host, string dataDirectory, string logFile, ServerSettings settings, SharedTokens tokens)
    {
        Host = host;
        DataDirectory = dataDirectory;
        LogFile = logFile;
        Settings = settings;
        _tokens = tokens;
    }

    /// <summary>This node's <c>VolumeBackup:NodeHost</c>: volumes created through it record it, and jobs on them run here.</summary>
    public string Host { get; }

    public string DataDirectory { get; }

    /// <summary>Every line the node's processes wrote, across restarts.</summary>
    public string LogFile { get; }

    public ServerSettings Settings { get; }

    /// <summary>The running process; null while the node is down.</summary>
    public ServerProcess? Process { get; internal set; }

    public string BaseUrl => (Process ?? throw new InvalidOperationException($"Node {Host} is down.")).BaseUrl;

    /// <summary>The tenant's API through this node on the shared admin token (the volume view shows device paths).</summary>
    public BackupApi AdminApi(string tenant) => new(Client(_tokens.Admin), tenant);

    /// <summary>An HTTP client for this node with the tenant's own token.</summary>
    public HttpClient TenantClient(string tenant) => Client(_tokens.For(tenant));

    /// <summary>The node's log so far (the file, which outlives a killed process).</summary>
    public string ReadLog()
    {
        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    internal void DisposeClients()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _clients.Clear();
    }

    private HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl + "/") };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        client.DefaultRequestHeaders.Add("X-Auth-Token", token);
        _clients.Add(client);
        return client;
    }
}
