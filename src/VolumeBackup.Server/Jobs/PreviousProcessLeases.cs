using System.Diagnostics;
using System.Globalization;
using VolumeBackup.Persistence.Jobs;

namespace VolumeBackup.Server.Jobs;

/// <summary>
/// At a node's start, ends the job leases that an earlier process of this node still holds (it was killed, so they would
/// otherwise run on until they expire). Their jobs go back to the queue at once and the container locks those jobs wrote
/// stop counting (see <see cref="JobLockOwner"/>). Worker ids are <c>&lt;host&gt;/&lt;pid&gt;-&lt;instance&gt;/&lt;n&gt;</c>;
/// a lease is ended only when its process is this one's predecessor: another instance whose pid is no running process
/// here. <c>VolumeBackup:NodeHost</c> is unique per node, so no other machine's worker has this prefix.
/// </summary>
internal static class PreviousProcessLeases
{
    public static Task<int> EndAsync(JobQueue queue, string host, string currentInstance, CancellationToken ct) =>
        queue.ExpireLeasesOfStoppedOwnersAsync($"{host}/", owner => IsStopped(owner[(host.Length + 1)..], currentInstance), ct);

    // "<pid>-<instance>/<n>"
    private static bool IsStopped(string process, string currentInstance)
    {
        var dash = process.IndexOf('-', StringComparison.Ordinal);
        var slash = process.IndexOf('/', StringComparison.Ordinal);
        if (dash <= 0 || slash <= dash
            || !int.TryParse(process.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }

        if (process[(dash + 1)..slash] == currentInstance || pid == Environment.ProcessId)
        {
            return false; // this process (several hosts may run in one process, as in tests): not a predecessor
        }

        try
        {
            using var running = Process.GetProcessById(pid);
            return running.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
    }
}
