using Microsoft.EntityFrameworkCore;
using VolumeBackup.Persistence.Jobs;

namespace VolumeBackup.Persistence.Nodes;

/// <summary>
/// The nodes table: each node writes its own row (heartbeat), every node reads all of them. Scoped, on the caller's
/// <see cref="VolumeBackupDbContext"/>. Every write is one guarded statement, so nodes never overwrite each other.
/// </summary>
public sealed class NodeStore(VolumeBackupDbContext db)
{
    /// <summary>
    /// Writes the node's row as <paramref name="node"/> says (all but <see cref="NodeRecord.RetiredAt"/>, an admin's),
    /// inserting it the first time.
    /// </summary>
    public async Task UpsertAsync(NodeRecord node, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (await UpdateAsync(node, ct))
        {
            return;
        }

        db.Nodes.Add(node);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another process of the same host inserted it first (a restart overlapping its predecessor): update instead.
            db.Entry(node).State = EntityState.Detached;
            await UpdateAsync(node, ct);
            return;
        }

        db.Entry(node).State = EntityState.Detached;
    }

    public Task<NodeRecord?> FindAsync(string host, CancellationToken ct) =>
        db.Nodes.AsNoTracking().FirstOrDefaultAsync(n => n.Host == host, ct);

    /// <summary>Every node, by host name.</summary>
    public Task<List<NodeRecord>> ListAsync(CancellationToken ct) =>
        db.Nodes.AsNoTracking().OrderBy(n => n.Host).ToListAsync(ct);

    /// <summary>Sets or clears <see cref="NodeRecord.RetiredAt"/>; false when there is no such node.</summary>
    public async Task<bool> SetRetiredAsync(string host, DateTimeOffset? retiredAt, CancellationToken ct) =>
        await db.Nodes.Where(n => n.Host == host)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.RetiredAt, retiredAt), ct) == 1;

    /// <summary>How many volumes each host keeps.</summary>
    public async Task<Dictionary<string, int>> CountVolumesByHostAsync(CancellationToken ct) =>
        (await db.Volumes.AsNoTracking().GroupBy(v => v.Host).Select(g => new { Host = g.Key, Count = g.Count() }).ToListAsync(ct))
        .ToDictionary(g => g.Host, g => g.Count, StringComparer.Ordinal);

    /// <summary>How many jobs each host's workers run now (worker ids start with the host: <c>&lt;host&gt;/...</c>).</summary>
    public async Task<Dictionary<string, int>> CountRunningJobsByHostAsync(CancellationToken ct)
    {
        var owners = await db.Jobs.AsNoTracking()
            .Where(j => j.State == JobState.Running && j.LeaseOwner != null)
            .Select(j => j.LeaseOwner!)
            .ToListAsync(ct);
        return owners
            .Select(o => o.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? o[..slash] : o)
            .GroupBy(h => h, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }

    /// <summary>
    /// Jobs routed to <paramref name="host"/> that no worker runs: queued, or running under a lease that ran out (the
    /// host died holding it). Oldest first, at most <paramref name="limit"/>.
    /// </summary>
    public Task<List<JobRecord>> FindOrphanedJobsAsync(string host, DateTimeOffset now, int limit, CancellationToken ct) =>
        db.Jobs.AsNoTracking()
            .Where(j => j.TargetHost == host
                && (j.State == JobState.Queued || (j.State == JobState.Running && j.LeaseExpiresAt < now)))
            .OrderBy(j => j.Id)
            .Take(limit)
            .ToListAsync(ct);

    /// <summary>
    /// Ends <paramref name="job"/> as failed with <paramref name="reason"/> when it is still as it was read (same state,
    /// lease owner and expiry): of several nodes doing this at once exactly one succeeds.
    /// </summary>
    public async Task<bool> TryFailOrphanedJobAsync(JobRecord job, string reason, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        return await db.Jobs
            .Where(j => j.Id == job.Id && j.State == job.State && j.LeaseOwner == job.LeaseOwner
                && j.LeaseExpiresAt == job.LeaseExpiresAt && j.Attempts == job.Attempts)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, JobState.Failed)
                .SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null)
                .SetProperty(j => j.LastError, reason)
                .SetProperty(j => j.UpdatedAt, now), ct) == 1;
    }

    private async Task<bool> UpdateAsync(NodeRecord node, CancellationToken ct) =>
        await db.Nodes.Where(n => n.Host == node.Host)
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.Roles, node.Roles)
                .SetProperty(n => n.Instance, node.Instance)
                .SetProperty(n => n.MaxJobs, node.MaxJobs)
                .SetProperty(n => n.Endpoint, node.Endpoint)
                .SetProperty(n => n.Version, node.Version)
                .SetProperty(n => n.StartedAt, node.StartedAt)
                .SetProperty(n => n.HeartbeatAt, node.HeartbeatAt), ct) == 1;
}
