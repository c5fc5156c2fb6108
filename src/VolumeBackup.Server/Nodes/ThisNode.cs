using System.Reflection;
using Microsoft.Extensions.Options;
using VolumeBackup.Server.Hosting;

namespace VolumeBackup.Server.Nodes;

/// <summary>This process as a node of the deployment: what its row in the nodes table says about it.</summary>
internal sealed class ThisNode
{
    public ThisNode(IOptions<VolumeBackupOptions> options, IOptions<BackupOptions> backups, TimeProvider time)
    {
        Host = options.Value.NodeHost;
        Roles = NodeRoles.TryParse(options.Value.Roles) ?? NodeRoles.Both;
        MaxJobs = Roles.Worker ? backups.Value.Workers : 0;
        StartedAt = time.GetUtcNow();
    }

    public string Host { get; }

    public NodeRoles Roles { get; }

    /// <summary>Unique per process start: tells a restart from a node that kept running.</summary>
    public string Instance { get; } = $"{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";

    public int MaxJobs { get; }

    public DateTimeOffset StartedAt { get; }

    public static string? Version { get; } =
        typeof(ThisNode).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
}
