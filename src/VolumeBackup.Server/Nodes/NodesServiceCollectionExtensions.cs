using VolumeBackup.Server.Hosting;
using VolumeBackup.Server.Jobs;

namespace VolumeBackup.Server.Nodes;

internal static class NodesServiceCollectionExtensions
{
    /// <summary>
    /// This node in the nodes table: its heartbeat (every node), the directory the operations ask which hosts are up,
    /// the handlers of the volume jobs another node's API routes here, and, on worker nodes, the pass that ends the jobs
    /// of hosts down past the grace period.
    /// </summary>
    public static IServiceCollection AddNodes(this IServiceCollection services, NodeRoles roles)
    {
        services.AddSingleton<ThisNode>();
        services.AddScoped<NodeDirectory>();
        services.AddScoped<NodeLossRecovery>();
        services.AddScoped<IJobHandler, CreateVolumeJobHandler>();
        services.AddScoped<IJobHandler, DeleteVolumeJobHandler>();
        services.AddHostedService<NodeHeartbeat>();
        if (roles.Worker)
        {
            services.AddHostedService<NodeLossService>();
        }

        return services;
    }
}
