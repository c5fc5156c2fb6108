using Microsoft.Extensions.Options;
using VolumeBackup.Persistence.Nodes;
using VolumeBackup.Server.Hosting;

namespace VolumeBackup.Server.Nodes;

/// <summary>
/// Which hosts are up, read from the nodes table: the operations refuse work on a volume whose host is down, and new
/// volumes go to a live worker. This node itself is always up (it is answering).
/// </summary>
internal sealed class NodeDirectory(NodeStore nodes, ThisNode self, IOptions<VolumeBackupOptions> options, TimeProvider time)
{
    private NodeOptions Settings => options.Value.Nodes;

    public async Task<NodeState> GetAsync(string host, CancellationToken ct)
    {
        var record = await nodes.FindAsync(host, ct);
        return record is null ? new NodeState(host, null, true) : StateOf(record, time.GetUtcNow());
    }

    public NodeState StateOf(NodeRecord record, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new NodeState(record.Host, record, record.Host == self.Host || now - record.HeartbeatAt <= Settings.DownAfter);
    }

    /// <summary>Every known node and its state, by host name.</summary>
    public async Task<IReadOnlyList<NodeState>> ListAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return [.. (await nodes.ListAsync(ct)).Select(r => StateOf(r, now))];
    }

    /// <summary>Throws the 400 naming the host when <paramref name="host"/> is down.</summary>
    public async Task EnsureUpAsync(string host, CancellationToken ct)
    {
        if (host == self.Host)
        {
            return;
        }

        var state = await GetAsync(host, ct);
        if (!state.Up)
        {
            throw NodeFaults.HostDown(host, state.DownSince!.Value);
        }
    }

    /// <summary>
    /// The host a new volume goes to: this node when it is a worker not retired, otherwise the live, not retired worker
    /// with the fewest volumes (then by name). 400 when there is none.
    /// </summary>
    public async Task<string> PlaceNewVolumeAsync(CancellationToken ct)
    {
        var all = await ListAsync(ct);
        if (self.Roles.Worker && !all.Any(n => n.Host == self.Host && n.Retired))
        {
            return self.Host;
        }

        var candidates = all.Where(n => n.Up && n.IsWorker && !n.Retired).Select(n => n.Host).ToList();
        if (candidates.Count == 0)
        {
            throw NodeFaults.NoLiveWorker();
        }

        var volumes = await nodes.CountVolumesByHostAsync(ct);
        return candidates.OrderBy(h => volumes.GetValueOrDefault(h)).ThenBy(h => h, StringComparer.Ordinal).First();
    }

    /// <summary>Every known node with its running jobs and volumes, for the admin views; this node first written if it has no row yet.</summary>
    public async Task<IReadOnlyList<NodeReport>> ReportAsync(CancellationToken ct)
    {
        var all = await ListAsync(ct);
        var jobs = await nodes.CountRunningJobsByHostAsync(ct);
        var volumes = await nodes.CountVolumesByHostAsync(ct);
        return [.. all.Select(n => new NodeReport(n, jobs.GetValueOrDefault(n.Host), volumes.GetValueOrDefault(n.Host)))];
    }

    /// <summary>Retires (<paramref name="retired"/>) or brings back a node; false when no node has that host name.</summary>
    public Task<bool> SetRetiredAsync(string host, bool retired, CancellationToken ct) =>
        nodes.SetRetiredAsync(host, retired ? time.GetUtcNow() : null, ct);
}
