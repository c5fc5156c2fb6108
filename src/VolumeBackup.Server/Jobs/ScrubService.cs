using Microsoft.Extensions.Options;
using VolumeBackup.Persistence.Stores;
using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Operations.Backups;

namespace VolumeBackup.Server.Jobs;

/// <summary>
/// The scrub (setting <c>VolumeBackup:Backups:ScrubShare</c>, off at 0): on every worker node, once per
/// <c>ScrubInterval</c>, queues verifications of the least recently verified available backups of each container (none
/// verified within the last day), <see cref="ScrubPlan.PerPeriod"/> of them. Several nodes may pick the same backups:
/// <see cref="VerifyService.TryEnqueueAsync"/> queues at most one job per backup (a guarded update and the "no job on it"
/// check in one transaction), so the only cost is a little more than the share when nodes pick different ones.
/// Jobs are queued without a trust: with user-mode Swift and Keystone they cannot reach the tenant's account.
/// </summary>
internal sealed class ScrubService(
    IServiceScopeFactory scopes, IOptions<BackupOptions> options, TimeProvider time, ILogger<ScrubService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.ScrubShare <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(settings.ScrubInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var queued = await ScrubOnceAsync(settings, stoppingToken);
                if (queued > 0)
                {
                    logger.ScrubQueued(queued);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.ScrubFailed(e); // a database hiccup: the next period tries again
            }
        }
    }

    /// <summary>One period: returns how many verifications it queued.</summary>
    internal async Task<int> ScrubOnceAsync(BackupOptions settings, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var verifications = scope.ServiceProvider.GetRequiredService<BackupVerifications>();
        var backups = scope.ServiceProvider.GetRequiredService<BackupStore>();
        var service = scope.ServiceProvider.GetRequiredService<VerifyService>();
        var staleBefore = time.GetUtcNow() - TimeSpan.FromDays(1);
        var queued = 0;
        foreach (var (tenantId, container, count) in await verifications.CountAvailableByContainerAsync(ct))
        {
            var quota = ScrubPlan.PerPeriod(count, settings.ScrubShare, settings.ScrubInterval);
            foreach (var id in await verifications.ListStaleAsync(tenantId, container, staleBefore, quota, ct))
            {
                if (await backups.FindByIdAsync(id, ct) is { } backup && await service.TryEnqueueAsync(backup, null, ct))
                {
                    queued++;
                }
            }
        }

        if (queued > 0)
        {
            scope.ServiceProvider.GetRequiredService<JobSignal>().Notify();
        }

        return queued;
    }
}
