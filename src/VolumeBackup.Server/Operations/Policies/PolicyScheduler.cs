using Microsoft.Extensions.Options;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Hosting;

namespace VolumeBackup.Server.Operations.Policies;

/// <summary>
/// On every worker node, every <see cref="BackupOptions.SchedulerInterval"/>: runs each enabled policy whose due time has
/// passed (<see cref="PolicyRunner"/>). All nodes look; the guarded claim lets exactly one run each due time, and a node
/// that is down leaves its share to the others.
/// </summary>
internal sealed class PolicyScheduler(
    IServiceScopeFactory scopes, IOptions<BackupOptions> options, TimeProvider time, ILogger<PolicyScheduler> logger) : BackgroundService
{
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(options.Value.SchedulerInterval, time);
        do
        {
            try
            {
                await RunDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.PolicySchedulerFailed(e);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>One pass: each due policy in its own scope, so one policy's failure leaves the others' runs alone.</summary>
    public async Task RunDueAsync(CancellationToken ct)
    {
        List<Domain.Policies.BackupPolicy> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            due = await scope.ServiceProvider.GetRequiredService<PolicyStore>().FindDueAsync(time.GetUtcNow(), BatchSize, ct);
        }

        foreach (var policy in due)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<PolicyRunner>().RunAsync(policy, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.PolicySchedulerFailed(e);
            }
        }
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
