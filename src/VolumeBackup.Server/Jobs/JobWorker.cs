using Microsoft.Extensions.Options;
using VolumeBackup.Persistence.Jobs;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Jobs.Sources;

namespace VolumeBackup.Server.Jobs;

/// <summary>
/// This node's backup workers: <see cref="BackupOptions.Workers"/> loops, each claiming one job at a time for this
/// node's host (create and restore jobs of volumes kept here) or for any host (deletes), and running it through
/// <see cref="JobRunner"/>. An idle loop sleeps until <see cref="JobSignal"/> wakes it (a job queued or put back, here
/// or, on PostgreSQL, on any node) or the poll interval passes. At most <see cref="BackupOptions.Workers"/> jobs run on
/// a node at once: each loop runs one job at a time and claims the next only when it is done.
/// </summary>
internal sealed class JobWorker(
    IServiceScopeFactory scopes,
    JobRunner runner,
    JobSignal signal,
    IOptions<BackupOptions> options,
    IOptions<VolumeBackupOptions> serviceOptions,
    ILogger<JobWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Unique per process start: a restarted node must not pass for the owner of its predecessor's leases.
        var instance = Guid.NewGuid().ToString("N")[..8];
        var host = serviceOptions.Value.NodeHost;
        var loops = Enumerable.Range(0, options.Value.Workers)
            .Select(i => RunLoopAsync($"{host}/{Environment.ProcessId}-{instance}/{i}", host, stoppingToken));
        return Task.WhenAll(loops.Prepend(EndPreviousLeasesAsync(host, instance, stoppingToken)).Append(RemoveStraySnapshotsAsync(host, stoppingToken)));
    }

    // Clones of backups that a crash cut short (or that failed on another node's recovery) cost disk space as the volume
    // changes, and would pass for the base of the next incremental: once per start, this node's are removed.
    private async Task RemoveStraySnapshotsAsync(string host, CancellationToken ct)
    {
        await Task.Yield();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var removed = await scope.ServiceProvider.GetRequiredService<StraySnapshots>().RemoveAsync(host, ct);
            if (removed > 0)
            {
                logger.StraySnapshotsRemoved(removed);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.StraySnapshotsNotRemoved(e);
        }
    }

    // A killed predecessor's jobs go back to the queue now rather than when their leases run out, and their locks with them.
    private async Task EndPreviousLeasesAsync(string host, string instance, CancellationToken ct)
    {
        await Task.Yield();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var ended = await PreviousProcessLeases.EndAsync(scope.ServiceProvider.GetRequiredService<JobQueue>(), host, instance, ct);
            if (ended > 0)
            {
                logger.PreviousProcessJobsRequeued(ended);
                signal.Notify();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.PreviousProcessLeasesNotEnded(e);
        }
    }

    private async Task RunLoopAsync(string workerId, string host, CancellationToken stoppingToken)
    {
        await Task.Yield(); // let the host finish starting
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var job = await ClaimAsync(workerId, host, settings.LeaseDuration, stoppingToken);
                if (job is null)
                {
                    await signal.WaitAsync(settings.PollInterval, stoppingToken);
                    continue;
                }

                // One wake-up may stand for several jobs (a burst of notifications, a batch put back by lease
                // recovery): pass it on, so another idle loop looks for the next one while this one works.
                signal.Notify();
                await runner.RunAsync(job, workerId, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // The job boundary: a database outage must not end the loop; the lease protects the job meanwhile.
                logger.WorkerLoopFailed(e, workerId);
                await Task.Delay(settings.PollInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task<JobRecord?> ClaimAsync(string workerId, string host, TimeSpan lease, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
        return await queue.TryClaimNextAsync(workerId, host, lease, ct);
    }
}
