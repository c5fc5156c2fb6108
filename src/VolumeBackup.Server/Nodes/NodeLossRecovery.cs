using Microsoft.Extensions.Options;
using VolumeBackup.Persistence;
using VolumeBackup.Persistence.Nodes;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Jobs;

namespace VolumeBackup.Server.Nodes;

/// <summary>
/// One pass over the hosts that have been down longer than <see cref="NodeOptions.GracePeriod"/>: the jobs routed to
/// them that no worker runs (queued, or running under a lease that ran out) are ended with a reason naming the host, and
/// their handler's failure statuses applied as lease recovery does (backup error; restore target error_restoring and
/// the backup available again...). The job's state change is guarded and commits with the statuses, so of several
/// nodes passing at once exactly one ends each job. A host that returns within the grace period resumes its jobs itself.
/// </summary>
internal sealed class NodeLossRecovery(
    VolumeBackupDbContext db, NodeStore nodes, NodeDirectory directory, IEnumerable<IJobHandler> handlers,
    IOptions<VolumeBackupOptions> options, TimeProvider time, ILogger<NodeLossRecovery> logger)
{
    private const int BatchSize = 100;

    /// <summary>Returns how many jobs were ended.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var settings = options.Value.Nodes;
        var now = time.GetUtcNow();
        var ended = 0;
        foreach (var node in await directory.ListAsync(ct))
        {
            if (node.Up || now - node.Record!.HeartbeatAt <= settings.DownAfter + settings.GracePeriod)
            {
                continue;
            }

            foreach (var job in await nodes.FindOrphanedJobsAsync(node.Host, now, BatchSize, ct))
            {
                var handler = handlers.FirstOrDefault(h => h.Kind == job.Kind);
                var reason = NodeFaults.JobHostLost(node.Host, node.Record.HeartbeatAt, handler?.Operation ?? job.Kind);
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                if (!await nodes.TryFailOrphanedJobAsync(job, reason, now, ct))
                {
                    continue; // another node ended it, or the host came back and claimed it
                }

                if (handler is not null)
                {
                    await handler.ApplyFailureAsync(job, reason, ct);
                }

                await transaction.CommitAsync(ct);
                ended++;
                logger.OrphanedJobFailed(job.Id, job.Kind, node.Host, reason);
            }
        }

        return ended;
    }
}
