using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using VolumeBackup.Persistence.Nodes;
using VolumeBackup.Server.Hosting;

namespace VolumeBackup.Server.Nodes;

/// <summary>
/// Writes this node's row in the nodes table at start and every <see cref="NodeOptions.HeartbeatInterval"/>, on every
/// node whatever its roles. A failed write (database down) is logged and tried again at the next beat: never fatal.
/// </summary>
internal sealed class NodeHeartbeat(
    IServiceScopeFactory scopes, ThisNode node, IServiceProvider services, IHostApplicationLifetime lifetime,
    IOptions<VolumeBackupOptions> options, TimeProvider time,
    ILogger<NodeHeartbeat> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Once the host started: the listener is bound by then, so the first row already names the real listen URL.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            try
            {
                await started.Task.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        using var timer = new PeriodicTimer(options.Value.Nodes.HeartbeatInterval, time);
        do
        {
            await BeatAsync(stoppingToken);
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>Writes the row once; false (logged) when the database did not take it.</summary>
    public async Task<bool> BeatAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<NodeStore>().UpsertAsync(
                new NodeRecord
                {
                    Host = node.Host,
                    Roles = node.Roles.ToString(),
                    Instance = node.Instance,
                    MaxJobs = node.MaxJobs,
                    Endpoint = Endpoint(),
                    Version = ThisNode.Version,
                    StartedAt = node.StartedAt,
                    HeartbeatAt = time.GetUtcNow(),
                },
                ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.HeartbeatFailed(e, node.Host);
            return false;
        }
    }

    // A host without a web server (workers embedded in a generic host) has no listen URL.
    private string? Endpoint() =>
        services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.TrimEnd('/');

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
