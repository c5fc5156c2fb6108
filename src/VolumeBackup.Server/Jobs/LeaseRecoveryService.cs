using Microsoft.Extensions.Options;
using VolumeBackup.Server.Hosting;

namespace VolumeBackup.Server.Jobs;

/// <summary>
/// Runs <see cref="ExpiredLeaseRecovery"/> at start and then every recovery interval, on every worker node: jobs of crashed
/// workers go back to the queue or, out of attempts, end with their backup in error and their volume unlocked.
/// Any node may do it for any other (every change is guarded), so a node that never returns strands nothing.
/// </summary>
internal sealed class LeaseRecoveryService(
    IServiceScopeFactory scopes, JobSignal signal, IOptions<BackupOptions> options, TimeProvider time, ILogger<LeaseRecoveryService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(options.Value.RecoveryInterval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var (requeued, _) = await scope.ServiceProvider.GetRequiredService<ExpiredLeaseRecovery>().RunAsync(stoppingToken);
                if (requeued > 0)
                {
                    signal.Notify(); // this node's idle workers need not wait for their poll (other nodes hear it on PostgreSQL)
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LeaseRecoveryFailed(e);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
