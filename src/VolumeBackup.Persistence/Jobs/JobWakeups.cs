using Microsoft.EntityFrameworkCore;

namespace VolumeBackup.Persistence.Jobs;

/// <summary>
/// PostgreSQL wake-ups for workers on every node: whenever a job becomes claimable, a notification on
/// <see cref="Channel"/> names the host whose workers may run it (<see cref="AnyHost"/> = any worker). Sent in the
/// caller's transaction, so it is delivered only when the job commits. SQLite has no such thing: there the API wakes
/// its own node's workers in process, and polling finds the rest.
/// </summary>
public static class JobWakeups
{
    /// <summary>The LISTEN/NOTIFY channel.</summary>
    public const string Channel = "volumebackup_jobs";

    /// <summary>The payload of a job any worker may run.</summary>
    public const string AnyHost = "";

    /// <summary>Whether a worker on <paramref name="host"/> should look for work on a notification with <paramref name="payload"/>.</summary>
    public static bool Concerns(string payload, string host) =>
        payload.Length == 0 || string.Equals(payload, host, StringComparison.Ordinal);

    /// <summary>Notifies that a job for <paramref name="targetHost"/> (null = any host) can be claimed.</summary>
    internal static async Task NotifyAsync(VolumeBackupDbContext db, string? targetHost, CancellationToken ct)
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {targetHost ?? AnyHost})", ct);
        }
    }

    /// <summary>Notifies for the job with id <paramref name="jobId"/>, whatever host it is for.</summary>
    internal static async Task NotifyForJobAsync(VolumeBackupDbContext db, long jobId, CancellationToken ct)
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlAsync(
                $"""SELECT pg_notify({Channel}, coalesce("TargetHost", {AnyHost})) FROM "Jobs" WHERE "Id" = {jobId}""", ct);
        }
    }
}
