using System.Globalization;
using VolumeBackup.Domain.Faults;

namespace VolumeBackup.Server.Nodes;

/// <summary>The answers and job fail reasons about nodes, with the host named so an operator knows where to look.</summary>
internal static class NodeFaults
{
    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>400 for an operation on a volume whose host is down.</summary>
    public static FaultException HostDown(string host, DateTimeOffset since) => new(Fault.BadRequest(
        $"The volume's host '{host}' is down (no heartbeat since {Instant(since)}); try again when it is back."));

    /// <summary>400 for a new volume when no worker node could keep it.</summary>
    public static FaultException NoLiveWorker() => new(Fault.BadRequest(
        "No worker node is up to keep a new volume (every worker node is down or retired)."));

    /// <summary>The fail reason of a job whose host stayed down past the grace period.</summary>
    public static string JobHostLost(string host, DateTimeOffset since, string operation) =>
        $"The volume's host '{host}' has been down since {Instant(since)}; the {operation} was not made.";
}
