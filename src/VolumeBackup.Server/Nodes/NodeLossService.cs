using Microsoft.Extensions.Options;
using VolumeBackup.Server.Hosting;

namespace VolumeBackup.Server.Nodes;

/// <summary>Runs <see cref="NodeLossRecovery"/> every heartbeat interval on worker nodes. A failed pass is logged and tried again.</summary>
internal sealed class NodeLossService(
    IServiceScopeFactory scopes, IOptions<VolumeBackupOptions> options, TimeProvider time, ILogger<NodeLossService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(options.Value.Nodes.HeartbeatInterval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<NodeLossRecovery>().RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.NodeLossRecoveryFailed(e);
            }

            try
            {
                if (!await timer.WaitForNextTickAsync(stoppingToken))
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        while (true);
    }
}
