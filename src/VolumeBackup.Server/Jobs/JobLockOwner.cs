using System.Globalization;
using VolumeBackup.DataPath;
using VolumeBackup.Persistence.Jobs;

namespace VolumeBackup.Server.Jobs;

/// <summary>
/// A job as the owner of the container locks its data path takes: a lock names the job and the worker that holds it
/// (<c>job:&lt;id&gt;:&lt;worker&gt;</c>), and it counts only while that worker still holds the job's lease. So the lock
/// of a killed process stops counting when its lease runs out, or at once when its node restarts (see
/// <see cref="PreviousProcessLeases"/>), instead of after the data path's 30-minute stale time.
/// </summary>
internal sealed class JobLockOwner(long jobId, string workerId, TimeSpan ownMargin, IServiceScopeFactory scopes, TimeProvider time)
    : ILockOwner
{
    private const string Scheme = "job:";

    public string Id { get; } = $"{Scheme}{jobId.ToString(CultureInfo.InvariantCulture)}:{workerId}";

    public async Task<bool> IsRunningAsync(string ownerId, CancellationToken ct)
    {
        if (!TryParse(ownerId, out var id, out var worker))
        {
            return true; // not a job's lock: the time rule decides
        }

        // Our own lease must outlast the next batch of deletes, so ask for a heartbeat's worth of margin.
        var until = time.GetUtcNow() + (ownerId == Id ? ownMargin : TimeSpan.Zero);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<JobQueue>().IsHeldAsync(id, worker, until, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return true; // the database cannot say: keep the lock, the time rule still ends it
        }
    }

    internal static bool TryParse(string ownerId, out long jobId, out string workerId)
    {
        jobId = 0;
        workerId = string.Empty;
        if (!ownerId.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = ownerId.AsSpan(Scheme.Length);
        var colon = rest.IndexOf(':');
        if (colon <= 0 || !long.TryParse(rest[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out jobId))
        {
            return false;
        }

        workerId = rest[(colon + 1)..].ToString();
        return workerId.Length > 0;
    }
}
